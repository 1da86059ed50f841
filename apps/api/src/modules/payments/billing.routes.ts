import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import type { BillingService } from './billing.service.js';

const PlanId = Type.Union([
  Type.Literal('starter'),
  Type.Literal('professional'),
  Type.Literal('studio'),
  Type.Literal('enterprise'),
]);
const Counted = Type.Object({ teamSeats: Type.Integer(), catalogItems: Type.Integer() });

export const BillingSchema = Type.Object(
  {
    plan: PlanId,
    limits: Type.Object({
      teamSeats: Type.Integer(),
      catalogItems: Type.Integer(),
      storageGb: Type.Integer(),
      galleryVisitorsPerMonth: Type.Integer(),
      transactionFeeBasisPoints: Type.Integer(),
    }),
    usage: Counted,
    collection: Type.Union([Type.Literal('stripe'), Type.Literal('manual'), Type.Literal('free')]),
    status: Type.Union([
      Type.Literal('active'),
      Type.Literal('past_due'),
      Type.Literal('cancelled'),
      Type.Literal('incomplete'),
    ]),
    priceMinor: Type.Integer({ description: 'Per month, in minor units of `currency`.' }),
    currency: Type.String(),
    currentPeriodEnd: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  {
    title: 'StudioBilling',
    description: 'What the studio pays Atelier for its plan, and how much of it it uses.',
  },
);

const StudioParams = Type.Object({ studio: SlugParam });

export const billingRoutes: FastifyPluginAsyncTypebox<{
  studios: StudiosService;
  billing: BillingService;
}> = async (app, { studios, billing }) => {
  app.get(
    '/api/v1/studios/:studio/billing',
    {
      schema: {
        tags: ['payments'],
        summary: "The studio's plan, its limits and usage, and how it is billed (owner)",
        operationId: 'getStudioBilling',
        params: StudioParams,
        response: { 200: BillingSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return billing.get(request.actor, studio.id);
    },
  );

  app.put(
    '/api/v1/studios/:studio/billing/plan',
    {
      schema: {
        tags: ['payments'],
        summary: 'Change plan (owner): starter, professional or studio, billed through Stripe',
        operationId: 'changeStudioPlan',
        params: StudioParams,
        body: Type.Object({ plan: PlanId }),
        response: { 200: BillingSchema, ...problemResponses(401, 403, 404, 422, 503) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return billing.changePlan(request.actor, studio.id, request.body.plan);
    },
  );

  app.put(
    '/api/v1/platform/studios/:studio/billing',
    {
      schema: {
        tags: ['platform'],
        summary: 'Put a studio on a plan invoiced by hand, e.g. enterprise (platform admins)',
        operationId: 'setStudioManualBilling',
        params: StudioParams,
        body: Type.Object({
          plan: PlanId,
          priceMinor: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
          currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
        }),
        response: { 200: BillingSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return billing.setManualPlan(request.actor, studio.id, request.body);
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../platform/http/errors.js';
import { Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import type { BillingService } from './billing.service.js';
import { originOf } from './payments.audit.js';

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
      Type.Literal('unpaid'),
      Type.Literal('cancelled'),
      Type.Literal('incomplete'),
    ]),
    priceMinor: Type.Integer({ description: 'Per month, in minor units of `currency`.' }),
    currency: Type.String(),
    currentPeriodEnd: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    graceEndsAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'While a charge is failing: when the studio falls back to starter unless it is paid.',
    }),
  },
  {
    title: 'StudioBilling',
    description: 'What the studio pays Atelier for its plan, and how much of it it uses.',
  },
);

const PlanChangeSchema = Type.Object(
  {
    ...BillingSchema.properties,
    checkout: Type.Optional(
      Type.Object(
        {
          url: Type.String({ format: 'uri', description: "Stripe's Checkout page; send the owner there." }),
        },
        {
          description:
            'Present when the paid plan needs a card first: the plan above is still the old one, and ' +
            'changes once the owner has paid at this Checkout page.',
        },
      ),
    ),
  },
  { title: 'StudioPlanChange' },
);

export const BillingInvoiceSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    number: Type.Union([Type.String(), Type.Null()], {
      description: "Stripe's invoice number, or the manual one (ATL-0001).",
    }),
    collection: Type.Union([Type.Literal('stripe'), Type.Literal('manual')]),
    status: Type.Union([
      Type.Literal('open'),
      Type.Literal('failed'),
      Type.Literal('paid'),
      Type.Literal('void'),
    ]),
    amountMinor: Type.Integer({ description: 'In minor units of `currency`.' }),
    currency: Type.String(),
    periodStart: Type.String({ format: 'date-time' }),
    periodEnd: Type.String({ format: 'date-time' }),
    hostedUrl: Type.Union([Type.String(), Type.Null()], { description: "Stripe's page for the invoice." }),
    paidAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'StudioBillingInvoice' },
);

const StudioParams = Type.Object({ studio: SlugParam });
const InvoiceParams = Type.Object({ studio: SlugParam, invoiceId: Type.String({ format: 'uuid' }) });
const Instant = Type.String({ format: 'date-time' });

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
        description:
          'A paid plan for a studio with a live subscription swaps its price at once. A first paid plan ' +
          '(or one after a cancellation) is charged to the card on file; with none, the answer carries ' +
          '`checkout.url`, Stripe Checkout, and the plan changes once that is paid (the owner comes back to ' +
          '`/{studio}/admin/billing?checkout={session id}`, see `settleStudioPlanCheckout`). 422 naming ' +
          '`paymentMethod` when the card is declined (plan unchanged).',
        operationId: 'changeStudioPlan',
        params: StudioParams,
        body: Type.Object({ plan: PlanId }),
        response: { 200: PlanChangeSchema, ...problemResponses(401, 403, 404, 422, 503) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return billing.changePlan(request.actor, studio.id, request.body.plan);
    },
  );

  app.post(
    '/api/v1/studios/:studio/billing/checkout',
    {
      schema: {
        tags: ['payments'],
        summary: 'Apply the plan the owner paid for at Stripe Checkout, on coming back from it (owner)',
        description:
          'Reads the Checkout Session from Stripe and, once it is paid, puts the studio on its plan, billed ' +
          'by card; the same as the `checkout.session.completed` webhook, whichever comes first (the second ' +
          "changes nothing). 404 naming `session` when it is not this studio's plan Checkout; 409 naming " +
          '`session` when it is not paid (still open, or expired). 503 when Stripe cannot be reached.',
        operationId: 'settleStudioPlanCheckout',
        params: StudioParams,
        body: Type.Object(
          {
            session: Type.String({
              pattern: '^cs_[A-Za-z0-9_]{1,255}$',
              description: "The Checkout Session's id Stripe put in the return address.",
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: BillingSchema, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return billing.settlePlanCheckout(request.actor, studio.id, request.body.session);
    },
  );

  app.post(
    '/api/v1/studios/:studio/billing/portal',
    {
      schema: {
        tags: ['payments'],
        summary: "Open Stripe's customer portal to see or replace the card the plan is charged to (owner)",
        description:
          "Creates a Stripe customer portal session for the studio's Stripe customer and answers its `url`; " +
          "Stripe sends the owner back to the studio's billing page (built by the server from its public " +
          'address; the client chooses nothing). 201: each call creates a new short-lived session at Stripe. ' +
          '409 (`conflict`, naming `collection`) when the studio is not billed by card: free plan, invoiced ' +
          'by hand, or no Stripe on this deployment. 503 when Stripe cannot be reached.',
        operationId: 'openStudioBillingPortal',
        params: StudioParams,
        response: {
          201: Type.Object(
            {
              url: Type.String({ format: 'uri', description: "Stripe's portal page; send the owner there." }),
            },
            { title: 'StudioBillingPortalSession' },
          ),
          ...problemResponses(401, 403, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      // No body is needed; whatever one names (a return URL, say) is refused rather than quietly ignored.
      const [sent] = Object.keys((request.body as Record<string, unknown> | null | undefined) ?? {});
      if (sent !== undefined)
        throw AppError.invalid(`body.${sent}`, 'is not accepted: the server chooses where Stripe returns to');
      const studio = await studios.getBySlug(request.params.studio);
      return reply.code(201).send(await billing.openPaymentPortal(request.actor, studio.id));
    },
  );

  app.get(
    '/api/v1/studios/:studio/billing/invoices',
    {
      schema: {
        tags: ['payments'],
        summary: "The studio's plan invoices, newest first (owner)",
        operationId: 'listStudioBillingInvoices',
        params: StudioParams,
        querystring: PageQuery,
        response: { 200: Page(BillingInvoiceSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return billing.invoices(request.actor, studio.id, request.query);
    },
  );

  app.post(
    '/api/v1/platform/studios/:studio/billing/invoices',
    {
      config: { idempotent: true },
      schema: {
        tags: ['platform'],
        summary: 'Raise an invoice for a studio billed by hand, e.g. enterprise (platform admins)',
        operationId: 'createStudioManualInvoice',
        params: StudioParams,
        body: Type.Object(
          {
            number: Type.Optional(
              Type.String({
                pattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,39}$',
                description: 'Default ATL-0001, ...',
              }),
            ),
            amountMinor: Type.Optional(
              Type.Integer({ minimum: 0, maximum: 100_000_000, description: "Default: the studio's price." }),
            ),
            currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$' })),
            periodStart: Instant,
            periodEnd: Instant,
            status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('paid')])),
          },
          { additionalProperties: false },
        ),
        response: { 201: BillingInvoiceSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const studio = await studios.getBySlug(request.params.studio);
      const { periodStart, periodEnd, ...rest } = request.body;
      const invoice = await billing.createManualInvoice(
        request.actor,
        studio.id,
        { ...rest, periodStart: new Date(periodStart), periodEnd: new Date(periodEnd) },
        originOf(request),
      );
      return reply.code(201).send(invoice);
    },
  );

  app.put(
    '/api/v1/platform/studios/:studio/billing/invoices/:invoiceId',
    {
      schema: {
        tags: ['platform'],
        summary: 'Mark a manual invoice paid, or void it (platform admins)',
        operationId: 'settleStudioManualInvoice',
        params: InvoiceParams,
        body: Type.Object(
          { status: Type.Union([Type.Literal('paid'), Type.Literal('void')]) },
          { additionalProperties: false },
        ),
        response: { 200: BillingInvoiceSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return billing.settleManualInvoice(
        request.actor,
        studio.id,
        request.params.invoiceId,
        request.body.status,
        originOf(request),
      );
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
      return billing.setManualPlan(request.actor, studio.id, request.body, originOf(request));
    },
  );
};

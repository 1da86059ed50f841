import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Page, PageQuery } from '../../platform/http/pagination.js';
import { problemResponses } from '../../platform/http/schemas.js';
import { SlugParam, type StudiosService } from '../studios/index.js';
import { originOf } from './payments.audit.js';
import { NextActionSchema } from './payments.schemas.js';
import type { PlansService } from './plans.service.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const InstalmentSchema = Type.Object(
  {
    id: Uuid,
    seq: Type.Integer({ description: '1 is the deposit, charged when the plan was made.' }),
    amountMinor: Type.Integer(),
    dueAt: DateTime,
    status: Type.Union([
      Type.Literal('scheduled'),
      Type.Literal('processing'),
      Type.Literal('retrying'),
      Type.Literal('paid'),
      Type.Literal('failed'),
      Type.Literal('cancelled'),
    ]),
    attempts: Type.Integer(),
    nextAttemptAt: Nullable(DateTime),
    lastError: Nullable(Type.String()),
    paidAt: Nullable(DateTime),
    awaitingAuthentication: Type.Boolean({
      description:
        'The charge is made and waits for the client to authenticate it with their bank (3-D Secure) on the plan page, ' +
        'until `nextAttemptAt`; then it is cancelled and nothing is taken.',
    }),
    chargedAgainAt: Type.Union([DateTime, Type.Null()], {
      description:
        "While the charge waits for the bank's check: when the instalment is charged again if the check is not " +
        "completed in time (the client's own charge goes back to the instalment's due date or planned retry, never " +
        'before `nextAttemptAt`). Null otherwise.',
    }),
  },
  { title: 'PaymentPlanInstalment' },
);

export const PaymentPlanSchema = Type.Object(
  {
    id: Uuid,
    payable: Type.Object({ type: Type.String(), id: Uuid }),
    clientId: Nullable(Uuid),
    email: Type.String(),
    currency: Type.String(),
    totalMinor: Type.Integer(),
    paidMinor: Type.Integer(),
    provider: Type.Union([Type.Literal('sandbox'), Type.Literal('stripe')]),
    method: Type.Object({
      kind: Type.Union([Type.Literal('card'), Type.Literal('stripe')]),
      last4: Nullable(Type.String()),
      saved: Type.Boolean({
        description:
          "False while a Stripe plan waits for its first payment, made in Stripe's card form, to keep the client's card.",
      }),
    }),
    status: Type.Union([
      Type.Literal('active'),
      Type.Literal('completed'),
      Type.Literal('failed'),
      Type.Literal('cancelled'),
    ]),
    retryDays: Type.Array(Type.Integer()),
    reminderDays: Type.Integer(),
    instalments: Type.Array(InstalmentSchema),
    createdAt: DateTime,
  },
  { title: 'PaymentPlan', description: 'A deposit and balance, or 2-4 instalments, on a payable.' },
);

export const SavedMethodSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('card'),
    cardNumber: Type.String({
      minLength: 12,
      maxLength: 23,
      description: 'A sandbox (or Stripe test) card.',
    }),
  }),
  Type.Object({
    kind: Type.Literal('stripe'),
    customerId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: "The plan's Stripe customer; left out, the plan's own (a card kept by card-setup).",
      }),
    ),
    paymentMethodId: Type.String({ minLength: 1, maxLength: 255 }),
  }),
]);

const InstalmentStatusSchema = InstalmentSchema.properties.status;

export const PaymentPlanSummarySchema = Type.Object(
  {
    id: Uuid,
    payable: Type.Object({ type: Type.String(), id: Uuid }),
    status: PaymentPlanSchema.properties.status,
    currency: Type.String(),
    totalMinor: Type.Integer(),
    paidMinor: Type.Integer(),
    instalmentCount: Type.Integer(),
    paidInstalments: Type.Integer(),
    nextInstalment: Nullable(
      Type.Object(
        {
          id: Uuid,
          seq: Type.Integer(),
          amountMinor: Type.Integer(),
          dueAt: DateTime,
          status: InstalmentStatusSchema,
          nextAttemptAt: Nullable(DateTime),
          awaitingAuthentication: InstalmentSchema.properties.awaitingAuthentication,
        },
        { description: 'Charged next, while the plan is active; null once nothing more is charged.' },
      ),
    ),
    createdAt: DateTime,
  },
  { title: 'PaymentPlanSummary', description: "A line of the client's list of payment plans." },
);

const PlanParams = Type.Object({ studio: SlugParam, planId: Uuid });
const InstalmentParams = Type.Object({ studio: SlugParam, planId: Uuid, instalmentId: Uuid });

export const InstalmentChargeSchema = Type.Object(
  {
    plan: PaymentPlanSchema,
    payment: Type.Object({
      id: Uuid,
      status: Type.Union([
        Type.Literal('pending'),
        Type.Literal('requires_action'),
        Type.Literal('succeeded'),
        Type.Literal('failed'),
        Type.Literal('cancelled'),
        Type.Literal('refunded'),
        Type.Literal('partially_refunded'),
      ]),
      amountMinor: Type.Integer(),
      currency: Type.String(),
      failureReason: Nullable(Type.String()),
      nextAction: NextActionSchema,
    }),
  },
  { title: 'InstalmentCharge', description: 'The plan after the charge, and the payment it made.' },
);

export const plansRoutes: FastifyPluginAsyncTypebox<{
  studios: StudiosService;
  plans: PlansService;
}> = async (app, { studios, plans }) => {
  app.get(
    '/api/v1/studios/:studio/my/payment-plans',
    {
      schema: {
        tags: ['payments'],
        summary: "The signed-in client's payment plans here, newest first",
        operationId: 'listMyPaymentPlans',
        params: Type.Object({ studio: SlugParam }),
        querystring: PageQuery,
        response: { 200: Page(PaymentPlanSummarySchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return plans.myPlans(request.actor, studio.id, request.query);
    },
  );

  app.get(
    '/api/v1/studios/:studio/payment-plans/:planId',
    {
      schema: {
        tags: ['payments'],
        summary: 'A payment plan and its instalments (its client, or staff)',
        operationId: 'getPaymentPlan',
        params: PlanParams,
        response: { 200: PaymentPlanSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return plans.getPlan(request.actor, studio.id, request.params.planId);
    },
  );

  app.put(
    '/api/v1/studios/:studio/payment-plans/:planId/method',
    {
      schema: {
        tags: ['payments'],
        summary: 'Change the card a plan charges; a failed instalment is retried with it right away',
        operationId: 'updatePaymentPlanMethod',
        params: PlanParams,
        body: Type.Object({ savedMethod: SavedMethodSchema }),
        response: { 200: PaymentPlanSchema, ...problemResponses(400, 401, 404, 422, 503) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return plans.updateMethod(request.actor, studio.id, request.params.planId, request.body.savedMethod);
    },
  );

  app.post(
    '/api/v1/studios/:studio/payment-plans/:planId/card-setup',
    {
      schema: {
        tags: ['payments'],
        summary: "Start saving a new card for a Stripe plan (confirmed in Stripe's card form)",
        description:
          "Answers a SetupIntent's client secret on the plan's Stripe customer. The browser confirms it " +
          'with Stripe.js (`confirmSetup`); the card it keeps is then given to PUT .../method as ' +
          "`{ kind: 'stripe', customerId, paymentMethodId }`. 409 naming `planId` when the plan charges a " +
          'test card (`plan.not_stripe`) or has no card yet (`plan.card_not_kept`).',
        operationId: 'startPaymentPlanCardSetup',
        params: PlanParams,
        response: {
          200: Type.Object(
            {
              type: Type.Literal('stripe_setup'),
              clientSecret: Type.String(),
              publishableKey: Type.String(),
            },
            { title: 'CardSetup' },
          ),
          ...problemResponses(401, 404, 409, 422, 503),
        },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return plans.startCardSetup(request.actor, studio.id, request.params.planId);
    },
  );

  app.post(
    '/api/v1/studios/:studio/payment-plans/:planId/instalments/:instalmentId/charge',
    {
      config: { idempotent: true },
      schema: {
        tags: ['payments'],
        summary:
          'Charge the next instalment now: staff collect early or retry a declined one; the client pays early',
        description:
          'Only the first unpaid instalment of an active plan. Staff (`payments.manage`) charge the saved card ' +
          'without the client: a decline is answered 200 with the failed payment and the retry schedule moves ' +
          "on, as if the job had charged it. The plan's client pays with the card present: a decline is 422 " +
          'naming `savedMethod` and nothing changes. A card whose bank asks the client to authenticate (3-D Secure) ' +
          'answers 200 with the payment `requires_action` and its `nextAction` (`stripe_confirm`: Stripe.js ' +
          '`handleNextAction` with the client secret); the instalment waits for that (`awaitingAuthentication`), and ' +
          'the client calling again gets the same payment back. Send an Idempotency-Key: a retried request charges once.',
        operationId: 'chargePaymentPlanInstalment',
        params: InstalmentParams,
        response: { 200: InstalmentChargeSchema, ...problemResponses(401, 404, 409, 422) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      const { planId, instalmentId } = request.params;
      return plans.chargeInstalmentNow(request.actor, studio.id, planId, instalmentId, originOf(request));
    },
  );

  app.post(
    '/api/v1/studios/:studio/payment-plans/:planId/cancel',
    {
      schema: {
        tags: ['payments'],
        summary: 'Stop a plan: nothing more is charged (owner, admin)',
        operationId: 'cancelPaymentPlan',
        params: PlanParams,
        response: { 200: PaymentPlanSchema, ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const studio = await studios.getBySlug(request.params.studio);
      return plans.cancelPlan(request.actor, studio.id, request.params.planId, originOf(request));
    },
  );
};

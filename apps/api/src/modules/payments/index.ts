// Studio plan billing and plan limits other modules enforce: see README "Studio plan billing".

// Plan limits themselves (assertWithinPlan) are the studios module's.
export {
  BILLING_EVENTS,
  BILLING_GRACE_DAYS,
  enforceBillingGrace,
  scheduleBillingJobs,
} from './billing.lifecycle.js';
export { billingEventHandlers } from './billing.mail.js';
export { billStudioByHand, type ManualBillingHistory } from './billing.manual.js';
export { billingRoutes } from './billing.routes.js';
export {
  BILLING_CURRENCY,
  type BillingService,
  createBillingService,
  PLAN_PRICES,
} from './billing.service.js';
export { originOf, type RequestOrigin } from './payments.audit.js';
export { paymentFailed, paymentReceipt, paymentsEventHandlers, refundIssued } from './payments.mail.js';
export { withoutPayerSecrets } from './payments.payer.js';
export type { PaymentProvider, ProviderOutcome, ProviderRegistry } from './payments.providers.js';
export {
  DEFAULT_RECONCILE_AFTER_MINUTES,
  RECONCILE_JOB,
  type ReconcileResult,
  reconcilePayments,
  registerPaymentsJobs,
} from './payments.reconcile.js';
export { paymentsRoutes } from './payments.routes.js';
export {
  type PaymentListItem,
  type PaymentMethod,
  type PaymentSettings,
  PaymentViewSchema,
} from './payments.schemas.js';
export {
  createPaymentsService,
  type PaymentsDeps,
  type PaymentsService,
  paymentsFromConfig,
  type StartedPayment,
} from './payments.service.js';
export { PAYMENT_EVENTS } from './payments.transitions.js';
export * from './payments.types.js';
export { createStripeWebhookHandler, type WebhookResult } from './payments.webhooks.js';
export { PLANS_JOB, planEventHandlers, schedulePlanJobs } from './plans.jobs.js';
export type { PaymentPlanSummary } from './plans.mine.js';
export { plansRoutes } from './plans.routes.js';
// Wallet ledger and top-ups, payment plans (deposits, instalments): see README "Wallet" and "Payment plans".
export { type PlanSchedule, splitEvenly } from './plans.schedule.js';
export {
  type CreatePaymentPlanInput,
  cancelPlanInTx,
  createPlansService,
  type InstalmentChargeView,
  type PaymentPlanView,
  type PlansService,
} from './plans.service.js';
export type { SavedMethod } from './plans.tables.js';
export { SANDBOX_CARDS } from './provider.sandbox.js';
export { createStripeClient, type StripeSettings } from './provider.stripe.js';
export {
  adjustWallet,
  carryOverBalances,
  creditWallet,
  debitWallet,
  walletBalance,
} from './wallet.ledger.js';
export { walletRoutes } from './wallet.routes.js';
export { bonusFor, createWalletService, walletEventHandlers } from './wallet.service.js';

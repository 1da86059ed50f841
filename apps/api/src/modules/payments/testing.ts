// The payments module's entry for OTHER modules' tests (never imported by code the app runs, so the
// stand-in server is not in production's module graph; the boundary lint allows it from test code only):
// polling until a condition holds (wallet credits and receipts travel through the real event bus and
// queue), and the local stand-in for api.stripe.com, an HTTP server rather than a mock.
export { until } from './ledger.testing.js';
export { stripeWebhook } from './testing/fixtures.js';
export * from './testing/stripe-stand-in.js';

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { parseStripeForm } from './stripe-stand-in.js';

type Json = Record<string, unknown>;

/**
 * A local stand-in for the parts of api.stripe.com that studio plan billing uses: customers and
 * subscriptions (create, retrieve, update items, cancel), with Idempotency-Key replay. A customer whose email
 * starts with "decline" has a card that is refused (402 card_error), like Stripe's test card.
 *
 * Webhooks: `event(type, object, created?)` wraps an object as Stripe would, `invoice(subscriptionId, ...)`
 * makes the invoice Stripe would raise for a subscription, and `sign` gives the Stripe-Signature header
 * (the SDK's own `generateTestHeaderString`).
 */
export interface StripeBillingStandIn {
  url: string;
  customers: Map<string, Json>;
  subscriptions: Map<string, Json & { id: string; status: string }>;
  requests: { method: string; path: string; body: Json }[];
  /** A copy of the subscription with its status set (what a `customer.subscription.*` event carries). */
  subscriptionAs(subscriptionId: string, status: string): Json;
  invoice(
    subscriptionId: string,
    options: { status: 'open' | 'paid'; amount: number; created: number; attempt?: number },
  ): Json;
  event(type: string, object: Json, created?: number): Json;
  sign(payload: string, secret: string): string;
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`;

export async function startStripeBillingStandIn(): Promise<StripeBillingStandIn> {
  const customers = new Map<string, Json>();
  const subscriptions: StripeBillingStandIn['subscriptions'] = new Map();
  const requests: StripeBillingStandIn['requests'] = [];
  const replays = new Map<string, { status: number; body: Json }>();

  const items = (body: Json, subscriptionId: string) => ({
    object: 'list',
    data: ((body.items as Json[] | undefined) ?? []).map((item) => ({
      id: id('si'),
      subscription: subscriptionId,
      price: { id: item.price, object: 'price' },
      // Where Stripe's 2025+ API keeps the billing period.
      current_period_start: Math.floor(Date.now() / 1000),
      current_period_end: Math.floor(Date.now() / 1000) + 30 * 86_400,
    })),
  });
  const missing = (what: string) => ({
    status: 404,
    body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}` } },
  });

  const route = (method: string, path: string, body: Json): { status: number; body: Json } => {
    if (method === 'POST' && path === '/v1/customers') {
      const customer = {
        id: id('cus'),
        object: 'customer',
        email: body.email ?? null,
        metadata: body.metadata ?? {},
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === 'POST' && path === '/v1/subscriptions') {
      const customer = customers.get(String(body.customer));
      if (!customer) return missing('customer');
      if (String(customer.email ?? '').startsWith('decline'))
        return {
          status: 402,
          body: { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } },
        };
      const subscriptionId = id('sub');
      const subscription = {
        id: subscriptionId,
        object: 'subscription',
        customer: customer.id,
        status: 'active',
        items: items(body, subscriptionId),
        metadata: body.metadata ?? {},
        current_period_end: Math.floor(Date.now() / 1000) + 30 * 86_400,
      };
      subscriptions.set(subscriptionId, subscription);
      return { status: 200, body: subscription };
    }
    const match = /^\/v1\/subscriptions\/(sub_[0-9a-f]+)$/.exec(path);
    if (match) {
      const subscription = subscriptions.get(match[1]!);
      if (!subscription) return missing('subscription');
      if (method === 'GET') return { status: 200, body: subscription };
      if (method === 'POST') {
        subscription.items = items(body, subscription.id);
        subscription.metadata = body.metadata ?? subscription.metadata;
        return { status: 200, body: subscription };
      }
      if (method === 'DELETE') {
        subscription.status = 'canceled';
        return { status: 200, body: subscription };
      }
    }
    return missing(`route ${method} ${path}`);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const method = request.method ?? 'GET';
      const body = parseStripeForm(Buffer.concat(chunks).toString('utf8'));
      requests.push({ method, path: url.pathname, body });
      const key = request.headers['idempotency-key'];
      const replayKey = typeof key === 'string' && method === 'POST' ? `${url.pathname}:${key}` : undefined;
      let answer = replayKey ? replays.get(replayKey) : undefined;
      if (!answer) {
        answer = route(method, url.pathname, body);
        if (replayKey) replays.set(replayKey, { status: answer.status, body: structuredClone(answer.body) });
      }
      response.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': id('req') });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const signer = new Stripe('sk_test_billing_stand_in');
  let invoiceNumber = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    customers,
    subscriptions,
    requests,
    subscriptionAs(subscriptionId, status) {
      const subscription = subscriptions.get(subscriptionId);
      if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
      return { ...structuredClone(subscription), status };
    },
    invoice(subscriptionId, { status, amount, created, attempt = 1 }) {
      const subscription = subscriptions.get(subscriptionId);
      if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
      invoiceNumber += 1;
      const invoiceId = id('in');
      return {
        id: invoiceId,
        object: 'invoice',
        number: `STANDIN-${String(invoiceNumber).padStart(4, '0')}`,
        customer: subscription.customer,
        currency: 'usd',
        amount_due: amount,
        amount_paid: status === 'paid' ? amount : 0,
        attempt_count: attempt,
        status,
        created,
        period_start: created - 30 * 86_400,
        period_end: created,
        next_payment_attempt: status === 'paid' ? null : created + 3 * 86_400,
        hosted_invoice_url: `https://invoice.stripe.test/${invoiceId}`,
        status_transitions: { paid_at: status === 'paid' ? created : null },
        lines: { object: 'list', data: [{ period: { start: created, end: created + 30 * 86_400 } }] },
        parent: {
          type: 'subscription_details',
          quote_details: null,
          subscription_details: { subscription: subscriptionId, metadata: subscription.metadata ?? {} },
        },
        metadata: {},
      };
    },
    event(type, object, created = Math.floor(Date.now() / 1000)) {
      return {
        id: id('evt'),
        object: 'event',
        api_version: '2026-10-28.endive',
        created,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
        data: { object: structuredClone(object) },
      };
    },
    sign(payload, secret) {
      return signer.webhooks.generateTestHeaderString({ payload, secret });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

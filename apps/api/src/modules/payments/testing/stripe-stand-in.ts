import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A local stand-in for api.stripe.com, for tests and the demo (Stripe's servers are unreachable here).
 * It speaks just enough of Stripe's API for the payments module: PaymentIntents (create, retrieve,
 * confirm, cancel), customers (create, list by email, search), refunds, Checkout Sessions, cards kept on
 * a customer (an intent with `setup_future_usage`, or a SetupIntent the browser confirms, attaches a new
 * `pm_...` to the customer; only that customer's intents may charge it, and off the payer's session a
 * card that needs authentication is refused with `authentication_required`), and for studio
 * plan billing subscriptions (create, retrieve, swap the item, cancel) and customer portal sessions, with
 * form-encoded bodies and Idempotency-Key replay like the real thing. The official SDK talks to it
 * through STRIPE_API_URL (host/port/protocol settings). A portal session's `url` is a page this
 * stand-in serves itself (`GET /p/session/{id}`, no API key, like Stripe's hosted page) with a link
 * back to the session's `return_url`, so a browser can go there and come back.
 *
 * Test cards map to Stripe's test payment methods: pm_card_visa succeeds, pm_card_chargeDeclined is
 * declined (402 card_error carrying the intent), pm_card_authenticationRequired needs action. Tests
 * move an intent on as the browser would with `completeIntent`, and sign webhook events with `sign`.
 *
 * Studio plan billing: a customer whose email starts with "decline" has a card that is refused when a
 * subscription is created (402 card_error), like Stripe's declining test card. `subscriptionAs` and
 * `invoice` build what `customer.subscription.*` and `invoice.*` events carry, and `event` wraps them
 * (with the moment Stripe would stamp, for ordering tests). Customer portal configurations can be
 * created and listed, and a portal session names the configuration it was opened with.
 *
 * The payer's browser: Stripe.js (here `stripe-js-stand-in.js`, served in js.stripe.com's place by the
 * e2e journey) confirms an intent with the publishable key and the intent's client secret instead of
 * the secret key (`key` and `client_secret` form fields or query parameters, as Stripe.js sends them),
 * and only that: retrieving and confirming that one intent, and answering its bank's check (3-D Secure:
 * `POST /v1/payment_intents/{id}/test_authentication` with `outcome` complete or fail, this stand-in's
 * version of Stripe's test authentication page). Those answers carry
 * `Access-Control-Allow-Origin: *` like Stripe's. The card typed into the form arrives as
 * `payment_method_data[card][number]`; Stripe's test numbers map to the test payment methods above
 * (4242 4242 4242 4242 and the Mastercard 5555 5555 5555 4444 succeed, 4000 0000 0000 0002 is declined,
 * 4000 0025 0000 3155 needs action) and
 * any other number is refused as incorrect.
 *
 * Webhooks: after `deliverWebhooks({ url, secret })` every change a confirmation makes to an intent is
 * POSTed to `url` as a signed `payment_intent.succeeded` / `payment_intent.payment_failed` /
 * `payment_intent.requires_action` event, after the answer and retried on failure like Stripe does;
 * `webhookDeliveries` lists them and `redeliver(eventId)` sends one again (Stripe delivers at least once).
 */

type Json = Record<string, unknown>;
type Intent = Json & { id: string; amount: number; currency: string; status: string };
/** Stripe's test card numbers, as a payer types them into the card form, and the test methods they are. */
const TEST_CARD_NUMBERS: Record<string, string> = {
  '4242424242424242': 'pm_card_visa',
  '4000000000000002': 'pm_card_chargeDeclined',
  '4000002500003155': 'pm_card_authenticationRequired',
  '5555555555554444': 'pm_card_mastercard',
};
type Subscription = Json & { id: string; status: string; customer: string };

/** `a[b][0]=c` form fields into nested objects and arrays, as Stripe reads them. */
export function parseStripeForm(body: string): Json {
  const result: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const [head = '', ...rest] = rawKey
      .split('[')
      .map((part, i) => (i === 0 ? part : part.replace(/]$/, '')));
    const path = [head, ...rest];
    let node: Json | unknown[] = result;
    path.forEach((key, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = /^\d+$/.test(path[i + 1] ?? '');
      const container = node as Record<string, unknown>;
      if (last) container[key] = value;
      else {
        container[key] ??= nextIsIndex ? [] : {};
        node = container[key] as Json;
      }
    });
  }
  return result;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

export interface StripeStandIn {
  /** Base URL for STRIPE_API_URL, e.g. http://127.0.0.1:54321 */
  url: string;
  intents: Map<string, Intent>;
  customers: Map<string, Json>;
  refunds: Map<string, Json>;
  sessions: Map<string, Json>;
  /** Cards kept on customers (`pm_...`, by setup_future_usage or a SetupIntent). */
  paymentMethods: Map<string, Json>;
  /** SetupIntents (`seti_...`), as created and confirmed. */
  setupIntents: Map<string, Json & { id: string; status: string }>;
  /** From now on a kept card is declined (it expired, or the account is empty), as a test wants. */
  declineKeptCard(paymentMethodId: string): void;
  /**
   * From now on the card's bank asks for 3-D Secure on every charge: with the payer present the intent
   * `requires_action`; off the session Stripe refuses with `authentication_required`.
   */
  requireAuthentication(paymentMethodId: string): void;
  /**
   * The cardholder answers their bank's check for an intent that `requires_action`, as the browser's
   * 3-D Secure step does (`true`: authenticated, the card is charged; `false`: failed, the intent waits
   * for another payment method). Sends the webhook Stripe would.
   */
  authenticateIntent(intentId: string, passed: boolean): Intent;
  subscriptions: Map<string, Subscription>;
  /** Customer portal configurations (`bpc_...`), as created. */
  portalConfigurations: Map<string, Json>;
  /** Customer portal sessions (`bps_...`), as created. */
  portalSessions: Map<string, Json>;
  /** Every request seen: method, path and parsed body. */
  requests: { method: string; path: string; body: Json }[];
  /** Moves an intent on as the payer's browser would (Payment Element confirm, 3DS...). */
  completeIntent(intentId: string, outcome?: 'succeeded' | 'failed' | 'requires_action'): Intent;
  /** The payer finishes a Checkout Session: it is paid and its PaymentIntent succeeded. */
  completeSession(sessionId: string): Json;
  /** A copy of the subscription with its status set (what a `customer.subscription.*` event carries). */
  subscriptionAs(subscriptionId: string, status: string): Json;
  /** The invoice Stripe would raise for a subscription (what an `invoice.*` event carries). */
  invoice(
    subscriptionId: string,
    options: { status: 'open' | 'paid'; amount: number; created: number; attempt?: number },
  ): Json;
  /** A Stripe event envelope around an object, stamped `created` (seconds; now by default). */
  event(type: string, object: Json, created?: number): Json & { id: string };
  /** The Stripe-Signature header for a payload, signed by the SDK's own test helper. */
  sign(payload: string, secret: string, timestamp?: number): string;
  /**
   * From now on, signed `payment_intent.*` events for every confirmation go to `url` (the app's webhook
   * route), signed with `secret`; `undefined` stops it.
   */
  deliverWebhooks(target: { url: string; secret: string } | undefined): void;
  /** Every webhook delivery attempt so far: the event, and the app's answer (0: unreachable). */
  webhookDeliveries: { eventId: string; type: string; intentId: string; status: number }[];
  /** Sends a delivered event again, byte for byte, as Stripe may; resolves to the app's HTTP status. */
  redeliver(eventId: string): Promise<number>;
  /** Forgets every Idempotency-Key, as Stripe does 24 hours after a key's first use. */
  forgetIdempotencyKeys(): void;
  /**
   * Until called again without one, API paths starting with `pathPrefix` answer 500 `api_error` (after
   * the SDK's own retries too), as during a Stripe incident; everything else keeps working.
   */
  outage(pathPrefix?: string): void;
  close(): Promise<void>;
}

export interface StripeStandInOptions {
  /**
   * New customers have a card on file (`invoice_settings.default_payment_method`), as after an earlier
   * Checkout or a portal visit: subscriptions for them are charged at once. Without it a customer has no
   * card, and a subscription needs Checkout (or is refused / incomplete, as Stripe does).
   */
  cardOnFile?: boolean;
}

export async function startStripeStandIn(options: StripeStandInOptions = {}): Promise<StripeStandIn> {
  const intents = new Map<string, Intent>();
  const customers = new Map<string, Json>();
  const refunds = new Map<string, Json>();
  const sessions = new Map<string, Json>();
  const paymentMethods = new Map<string, Json>();
  const setupIntents = new Map<string, Json & { id: string; status: string }>();
  const subscriptions = new Map<string, Subscription>();
  const portalConfigurations = new Map<string, Json>();
  const portalSessions = new Map<string, Json>();
  // Known once the server listens; portal session URLs point back at it.
  let baseUrl = '';
  const idempotent = new Map<string, { status: number; body: Json }>();
  let down: string | undefined;
  const requests: StripeStandIn['requests'] = [];
  const signer = new Stripe('sk_test_stand_in');
  let invoiceNumber = 0;
  let webhookTarget: { url: string; secret: string } | undefined;
  const webhookDeliveries: StripeStandIn['webhookDeliveries'] = [];
  const sentEvents = new Map<string, string>();

  const event = (type: string, object: Json, created = now()) => ({
    id: id('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: structuredClone(object) },
  });

  /** One signed POST of a payload to the webhook target; the app's status, 0 if it could not be reached. */
  const post = async (payload: string, target: { url: string; secret: string }) => {
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret: target.secret }),
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  };

  /** What Stripe sends when a confirmation moved an intent: after the answer, retried until a 2xx. */
  const announce = (intent: Intent) => {
    const target = webhookTarget;
    if (!target) return;
    const type =
      intent.status === 'succeeded'
        ? 'payment_intent.succeeded'
        : intent.status === 'requires_action'
          ? 'payment_intent.requires_action'
          : intent.last_payment_error
            ? 'payment_intent.payment_failed'
            : undefined;
    if (!type) return;
    const sent = event(type, intent);
    const payload = JSON.stringify(sent);
    sentEvents.set(sent.id, payload);
    void (async () => {
      for (let attempt = 0; attempt < 4; attempt++) {
        // A moment later, as Stripe does: the browser has its answer first.
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
        const status = await post(payload, target);
        webhookDeliveries.push({ eventId: sent.id, type, intentId: intent.id, status });
        if (status >= 200 && status < 300) return;
      }
    })();
  };

  const declined = (intent: Intent) => {
    intent.status = 'requires_payment_method';
    intent.last_payment_error = {
      type: 'card_error',
      code: 'card_declined',
      message: 'Your card was declined.',
    };
    return {
      status: 402,
      body: {
        error: {
          type: 'card_error',
          code: 'card_declined',
          message: 'Your card was declined.',
          payment_intent: intent,
        },
      },
    };
  };

  /** What confirming with a payment method does (and the webhook it makes Stripe send, if any). */
  const confirm = (intent: Intent, paymentMethod: string | undefined, offSession = false) => {
    const answer = confirmed(intent, paymentMethod, offSession);
    announce(intent);
    return answer;
  };
  const confirmed = (intent: Intent, paymentMethod: string | undefined, offSession = false) => {
    const kept = paymentMethod ? paymentMethods.get(paymentMethod) : undefined;
    // A kept card is charged only through the customer it is attached to, as Stripe insists.
    if (kept && kept.customer !== intent.customer)
      return invalid(
        `The provided PaymentMethod ${paymentMethod} is attached to another customer.`,
        'payment_method',
      );
    // What the card does is what the test card it was kept from does (or what a test chose for it).
    const behaves = kept ? String(kept.behaves) : paymentMethod;
    intent.payment_method = paymentMethod ?? intent.payment_method ?? null;
    intent.last_payment_error = null;
    if (behaves === 'pm_card_authenticationRequired' && offSession) {
      // Off the payer's session nobody can authenticate: Stripe refuses with authentication_required.
      const answer = declined(intent);
      for (const error of [intent.last_payment_error as Json, answer.body.error as Json]) {
        error.code = 'authentication_required';
        error.message = 'This payment requires authentication by the cardholder.';
      }
      return answer;
    }
    switch (behaves) {
      case 'pm_card_chargeDeclined':
        return declined(intent);
      case 'pm_card_authenticationRequired':
        intent.status = 'requires_action';
        intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: {} };
        return { status: 200, body: intent };
      default:
        intent.status = 'succeeded';
        intent.amount_received = intent.amount;
        intent.next_action = null;
        // setup_future_usage: the card it was paid with is kept on the intent's customer, as a new
        // payment method of its own (the test card's id is never attached itself).
        if (intent.setup_future_usage && intent.customer && paymentMethod && !kept)
          intent.payment_method = keepCard(String(intent.customer), paymentMethod).id;
        return { status: 200, body: intent };
    }
  };

  /** The cardholder's answer to their bank's check (3-D Secure) on an intent that requires action. */
  const authenticate = (intent: Intent, passed: boolean) => {
    if (intent.status !== 'requires_action')
      return invalid(`This PaymentIntent's status is ${intent.status}; there is nothing to authenticate.`);
    intent.next_action = null;
    if (passed) {
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      intent.last_payment_error = null;
      const paymentMethod = String(intent.payment_method ?? '');
      // Paid with a card typed into the form and set up for later: it is kept now, as on a plain success.
      if (intent.setup_future_usage && intent.customer && paymentMethod && !paymentMethods.has(paymentMethod))
        intent.payment_method = keepCard(String(intent.customer), paymentMethod).id;
    } else {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = {
        type: 'card_error',
        code: 'payment_intent_authentication_failure',
        message:
          'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      };
    }
    announce(intent);
    return { status: 200, body: intent };
  };

  /** A card kept on a customer: a new `pm_...` attached to it, behaving as the test card it came from. */
  const keepCard = (customer: string, from: string) => {
    const last4 =
      Object.entries(TEST_CARD_NUMBERS)
        .find(([, pm]) => pm === from)?.[0]
        .slice(-4) ?? '4242';
    const kept = {
      id: id('pm'),
      object: 'payment_method',
      type: 'card',
      customer,
      card: {
        brand: from === 'pm_card_mastercard' ? 'mastercard' : 'visa',
        last4,
        exp_month: 12,
        exp_year: 2030,
      },
      behaves: from,
      created: now(),
    };
    paymentMethods.set(kept.id, kept);
    return kept;
  };

  /**
   * The payer's browser (Stripe.js with the publishable key): only retrieving and confirming the intent
   * whose client secret it holds, as Stripe allows. The card typed into the form picks the outcome.
   */
  const browserRoutes = (method: string, path: string, body: Json, query: URLSearchParams) => {
    const setupPath = /^\/v1\/setup_intents\/([^/]+?)(\/confirm)?$/.exec(path);
    if (setupPath) return browserSetup(method, setupPath, body, query);
    // The stand-in's own page for the bank's check (Stripe's test 3-D Secure page has the same two
    // buttons): the Stripe.js stand-in's handleNextAction posts the payer's choice here.
    const challenge = /^\/v1\/payment_intents\/([^/]+)\/test_authentication$/.exec(path);
    if (challenge && method === 'POST') {
      const intent = intents.get(challenge[1]!);
      if (!intent || intent.client_secret !== String(body.client_secret ?? ''))
        return notFound('payment_intent', challenge[1]!);
      return authenticate(intent, body.outcome === 'complete');
    }
    const intentPath = /^\/v1\/payment_intents\/([^/]+?)(\/confirm)?$/.exec(path);
    const intent = intentPath ? intents.get(intentPath[1]!) : undefined;
    const secret = String(body.client_secret ?? query.get('client_secret') ?? '');
    if (!intentPath || (method === 'POST') !== Boolean(intentPath[2]))
      return invalid(`${method} ${path} cannot be called with a publishable key`);
    if (!intent || intent.client_secret !== secret) return notFound('payment_intent', intentPath[1]!);
    if (method === 'GET') return { status: 200, body: intent };
    if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(intent.status))
      return {
        status: 400,
        body: {
          error: {
            type: 'invalid_request_error',
            code: 'payment_intent_unexpected_state',
            message: `This PaymentIntent's status is ${intent.status}; it cannot be confirmed again.`,
            payment_intent: intent,
          },
        },
      };
    const card = ((body.payment_method_data as Json | undefined)?.card ?? {}) as Json;
    const number = String(card.number ?? '').replace(/[\s-]/g, '');
    const paymentMethod = TEST_CARD_NUMBERS[number];
    if (!paymentMethod) {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = {
        type: 'card_error',
        code: 'incorrect_number',
        message: 'Your card number is incorrect.',
      };
      announce(intent);
      return {
        status: 402,
        body: { error: { ...(intent.last_payment_error as Json), payment_intent: intent } },
      };
    }
    return confirm(intent, paymentMethod);
  };

  /**
   * The payer's browser saving a card without paying (Stripe.js `confirmSetup`): the card typed is
   * kept on the SetupIntent's customer, unless it is declined.
   */
  const browserSetup = (method: string, match: RegExpExecArray, body: Json, query: URLSearchParams) => {
    const setup = setupIntents.get(match[1]!);
    const secret = String(body.client_secret ?? query.get('client_secret') ?? '');
    if ((method === 'POST') !== Boolean(match[2]))
      return invalid(`${method} ${match[0]} cannot be called with a publishable key`);
    if (!setup || setup.client_secret !== secret) return notFound('setup_intent', match[1]!);
    if (method === 'GET') return { status: 200, body: setup };
    if (setup.status === 'succeeded')
      return invalid("This SetupIntent's status is succeeded; it cannot be confirmed again.");
    const card = ((body.payment_method_data as Json | undefined)?.card ?? {}) as Json;
    const from = TEST_CARD_NUMBERS[String(card.number ?? '').replace(/[\s-]/g, '')];
    if (!from || from === 'pm_card_chargeDeclined') {
      const error = from
        ? { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' }
        : { type: 'card_error', code: 'incorrect_number', message: 'Your card number is incorrect.' };
      setup.status = 'requires_payment_method';
      setup.last_setup_error = error;
      return { status: 402, body: { error: { ...error, setup_intent: setup } } };
    }
    setup.payment_method = keepCard(String(setup.customer), from).id;
    setup.status = 'succeeded';
    setup.last_setup_error = null;
    return { status: 200, body: setup };
  };

  const notFound = (what: string, key: string) => ({
    status: 404,
    body: {
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `No such ${what}: '${key}'`,
      },
    },
  });
  const invalid = (message: string, param?: string) => ({
    status: 400,
    body: { error: { type: 'invalid_request_error', message, ...(param ? { param } : {}) } },
  });
  /** A parameter naming an object that does not exist: Stripe answers 400 `resource_missing`. */
  const missingParam = (param: string, key: string) => ({
    status: 400,
    body: {
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param,
        message: `No such ${param}: '${key}'`,
      },
    },
  });
  const subscriptionItems = (body: Json, subscriptionId: string) => ({
    object: 'list',
    data: ((body.items as Json[] | undefined) ?? []).map((item) => ({
      id: typeof item.id === 'string' ? item.id : id('si'),
      object: 'subscription_item',
      subscription: subscriptionId,
      price: { id: item.price, object: 'price' },
      // Where Stripe's 2025+ API keeps the billing period.
      current_period_start: now(),
      current_period_end: now() + 30 * 86_400,
    })),
  });
  const list = (url: string, data: Json[]) => ({
    status: 200,
    body: { object: 'list', url, has_more: false, data },
  });

  const routes = (method: string, path: string, body: Json, query: URLSearchParams) => {
    const intentPath = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    const intentAction = /^\/v1\/payment_intents\/([^/]+)\/(confirm|cancel)$/.exec(path);
    const sessionPath = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(path);
    const subscriptionPath = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    const customerPath = /^\/v1\/customers\/(cus_[^/]+)$/.exec(path);
    if (method === 'POST' && path === '/v1/customers') {
      const declines = String(body.email ?? '').startsWith('decline');
      const card = declines ? 'pm_card_chargeDeclined' : 'pm_card_visa';
      const customer = {
        id: id('cus'),
        object: 'customer',
        email: body.email ?? null,
        metadata: body.metadata ?? {},
        invoice_settings: { default_payment_method: options.cardOnFile ? card : null },
        created: now(),
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (customerPath && method === 'GET') {
      const customer = customers.get(customerPath[1]!);
      return customer ? { status: 200, body: customer } : notFound('customer', customerPath[1]!);
    }
    if (method === 'GET' && path === '/v1/customers') {
      const email = query.get('email');
      return list(
        path,
        [...customers.values()].filter((c) => !email || c.email === email),
      );
    }
    if (method === 'GET' && path === '/v1/customers/search') {
      // One clause of Stripe's search language: email:'x' or metadata['key']:'x'.
      const clause = query.get('query') ?? '';
      const email = /^email:'([^']*)'$/.exec(clause)?.[1];
      const meta = /^metadata\['([^']+)'\]:'([^']*)'$/.exec(clause);
      if (email === undefined && !meta) return invalid(`search query not understood: ${clause}`, 'query');
      return {
        status: 200,
        body: {
          object: 'search_result',
          url: path,
          has_more: false,
          data: [...customers.values()].filter((c) =>
            meta ? (c.metadata as Record<string, unknown>)[meta[1]!] === meta[2] : c.email === email,
          ),
        },
      };
    }
    if (method === 'POST' && path === '/v1/payment_intents') {
      const amount = Number(body.amount);
      if (!Number.isInteger(amount) || amount < 1)
        return invalid('amount must be a positive integer', 'amount');
      if (body.automatic_payment_methods && body.payment_method_types)
        return invalid('automatic_payment_methods and payment_method_types cannot both be set');
      const intentId = id('pi');
      const intent: Intent = {
        id: intentId,
        object: 'payment_intent',
        amount,
        amount_received: 0,
        currency: String(body.currency),
        customer: body.customer ?? null,
        description: body.description ?? null,
        metadata: body.metadata ?? {},
        payment_method_types: body.payment_method_types ?? ['card'],
        automatic_payment_methods: body.automatic_payment_methods ?? null,
        client_secret: `${intentId}_secret_${randomBytes(8).toString('hex')}`,
        status: 'requires_payment_method',
        last_payment_error: null,
        next_action: null,
        payment_method: null,
        setup_future_usage: body.setup_future_usage ?? null,
        created: now(),
        livemode: false,
      };
      if (body.setup_future_usage && !body.customer)
        return invalid('setup_future_usage needs a customer to keep the card on', 'customer');
      intents.set(intent.id, intent);
      if (body.confirm === 'true')
        return confirm(intent, body.payment_method as string | undefined, body.off_session === 'true');
      return { status: 200, body: intent };
    }
    if (intentPath && method === 'GET') {
      const intent = intents.get(intentPath[1]!);
      return intent ? { status: 200, body: intent } : notFound('payment_intent', intentPath[1]!);
    }
    if (intentAction && method === 'POST') {
      const intent = intents.get(intentAction[1]!);
      if (!intent) return notFound('payment_intent', intentAction[1]!);
      if (intentAction[2] === 'confirm') return confirm(intent, body.payment_method as string | undefined);
      if (intent.status === 'succeeded')
        return invalid('You cannot cancel this PaymentIntent because it has a status of succeeded.');
      intent.status = 'canceled';
      return { status: 200, body: intent };
    }
    const methodPath = /^\/v1\/payment_methods\/([^/]+)$/.exec(path);
    if (methodPath && method === 'GET') {
      const kept = paymentMethods.get(methodPath[1]!);
      if (!kept) return notFound('payment_method', methodPath[1]!);
      const { behaves: _behaves, ...shown } = kept;
      return { status: 200, body: shown };
    }
    if (method === 'POST' && path === '/v1/setup_intents') {
      if (!customers.has(String(body.customer))) return missingParam('customer', String(body.customer));
      const setupId = id('seti');
      const setup = {
        id: setupId,
        object: 'setup_intent',
        customer: body.customer,
        usage: body.usage ?? 'off_session',
        payment_method_types: body.payment_method_types ?? ['card'],
        metadata: body.metadata ?? {},
        client_secret: `${setupId}_secret_${randomBytes(8).toString('hex')}`,
        status: 'requires_payment_method',
        payment_method: null,
        last_setup_error: null,
        created: now(),
      };
      setupIntents.set(setupId, setup);
      return { status: 200, body: setup };
    }
    const setupPath = /^\/v1\/setup_intents\/([^/]+)$/.exec(path);
    if (setupPath && method === 'GET') {
      const setup = setupIntents.get(setupPath[1]!);
      return setup ? { status: 200, body: setup } : notFound('setup_intent', setupPath[1]!);
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = intents.get(String(body.payment_intent));
      if (!intent) return notFound('payment_intent', String(body.payment_intent));
      if (intent.status !== 'succeeded')
        return invalid('This PaymentIntent has no successful charge to refund.');
      const already = [...refunds.values()]
        .filter((r) => r.payment_intent === intent.id)
        .reduce((sum, r) => sum + Number(r.amount), 0);
      const amount = body.amount === undefined ? intent.amount - already : Number(body.amount);
      if (amount + already > intent.amount)
        return invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge`, 'amount');
      const refund = {
        id: id('re'),
        object: 'refund',
        amount,
        currency: intent.currency,
        payment_intent: intent.id,
        status: 'succeeded',
        created: now(),
      };
      refunds.set(refund.id, refund);
      return { status: 200, body: refund };
    }
    if (method === 'GET' && path === '/v1/checkout/sessions') {
      const customer = query.get('customer');
      const status = query.get('status');
      return list(
        path,
        [...sessions.values()].filter(
          (session) => (!customer || session.customer === customer) && (!status || session.status === status),
        ),
      );
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const lines = (body.line_items as Json[] | undefined) ?? [];
      if (body.customer && body.customer_email)
        return invalid('You may only specify one of these parameters: customer, customer_email.', 'customer');
      if (body.mode === 'subscription' && lines.some((line) => typeof line.price !== 'string'))
        return invalid('Subscription mode needs line_items with a recurring price.', 'line_items');
      const amountTotal = lines.reduce((sum, line) => {
        const price = (line.price_data ?? {}) as Json;
        return sum + Number(price.unit_amount ?? 0) * Number(line.quantity ?? 1);
      }, 0);
      const currency = String(((lines[0]?.price_data ?? {}) as Json).currency ?? 'usd');
      const sessionId = id('cs_test');
      const session = {
        id: sessionId,
        object: 'checkout.session',
        mode: body.mode,
        status: 'open',
        payment_status: 'unpaid',
        amount_total: amountTotal,
        currency,
        customer: body.customer ?? null,
        customer_email: body.customer_email ?? null,
        client_reference_id: body.client_reference_id ?? null,
        metadata: body.metadata ?? {},
        payment_intent_data: body.payment_intent_data ?? {},
        subscription_data: body.subscription_data ?? {},
        line_items: lines,
        payment_intent: null,
        subscription: null,
        success_url: body.success_url,
        cancel_url: body.cancel_url ?? null,
        // Stripe's hosted page, served here (`GET /c/pay/{id}`) so a browser can pay and come back.
        url: `${baseUrl}/c/pay/${sessionId}`,
      };
      sessions.set(sessionId, session);
      return { status: 200, body: session };
    }
    if (sessionPath) {
      const session = sessions.get(sessionPath[1]!);
      if (!session) return notFound('checkout.session', sessionPath[1]!);
      if (method === 'POST' && sessionPath[2]) {
        if (session.status !== 'open') return invalid('Only open sessions can be expired.');
        session.status = 'expired';
      }
      // `expand[]=subscription` answers the subscription object in place of its id, as Stripe does.
      const expand = [...query.entries()].filter(([key]) => /^expand\[\d*\]$/.test(key)).map(([, v]) => v);
      const subscription =
        expand.includes('subscription') && typeof session.subscription === 'string'
          ? subscriptions.get(session.subscription)
          : undefined;
      return { status: 200, body: subscription ? { ...session, subscription } : session };
    }
    if (method === 'POST' && path === '/v1/subscriptions') {
      const customer = customers.get(String(body.customer));
      if (!customer) return missingParam('customer', String(body.customer));
      const card =
        (body.default_payment_method as string | undefined) ??
        ((customer.invoice_settings as Json | undefined)?.default_payment_method as string | null);
      // The first invoice is charged at once: to the card on file, or to nothing.
      const refusal = !card
        ? invalid('This customer has no attached payment source or default payment method.')
        : card === 'pm_card_chargeDeclined' || String(customer.email ?? '').startsWith('decline')
          ? {
              status: 402,
              body: {
                error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' },
              },
            }
          : null;
      // error_if_incomplete refuses; Stripe's default (allow_incomplete) makes an unpaid subscription.
      if (refusal && body.payment_behavior === 'error_if_incomplete') return refusal;
      const subscriptionId = id('sub');
      const subscription: Subscription = {
        id: subscriptionId,
        object: 'subscription',
        customer: String(customer.id),
        status: refusal ? 'incomplete' : 'active',
        default_payment_method: body.default_payment_method ?? null,
        items: subscriptionItems(body, subscriptionId),
        metadata: body.metadata ?? {},
        created: now(),
        current_period_end: now() + 30 * 86_400,
      };
      subscriptions.set(subscriptionId, subscription);
      return { status: 200, body: subscription };
    }
    if (subscriptionPath) {
      const subscription = subscriptions.get(subscriptionPath[1]!);
      if (!subscription) return notFound('subscription', subscriptionPath[1]!);
      if (method === 'POST') {
        // Items given with their id replace that item's price, as Stripe does.
        subscription.items = subscriptionItems(body, subscriptionPath[1]!);
        subscription.metadata = body.metadata ?? subscription.metadata;
      } else if (method === 'DELETE') subscription.status = 'canceled';
      return { status: 200, body: subscription };
    }
    if (method === 'POST' && path === '/v1/billing_portal/configurations') {
      if (typeof body.features !== 'object' || body.features === null)
        return invalid('Missing required param: features.', 'features');
      const configuration = {
        id: id('bpc'),
        object: 'billing_portal.configuration',
        active: true,
        is_default: false,
        name: body.name ?? null,
        // Form values arrive as text; the features are kept as sent ("true"/"false").
        features: body.features,
        business_profile: body.business_profile ?? {},
        default_return_url: body.default_return_url ?? null,
        metadata: body.metadata ?? {},
        created: now(),
        livemode: false,
      };
      portalConfigurations.set(configuration.id, configuration);
      return { status: 200, body: configuration };
    }
    if (method === 'GET' && path === '/v1/billing_portal/configurations') {
      const active = query.get('active');
      return list(
        path,
        [...portalConfigurations.values()].filter(
          (configuration) => active === null || String(configuration.active) === active,
        ),
      );
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      if (body.customer === undefined) return invalid('Missing required param: customer.', 'customer');
      const customer = customers.get(String(body.customer));
      if (!customer) return missingParam('customer', String(body.customer));
      if (body.return_url !== undefined && !/^https?:\/\//.test(String(body.return_url)))
        return invalid('Not a valid URL', 'return_url');
      if (body.configuration !== undefined && !portalConfigurations.has(String(body.configuration)))
        return missingParam('configuration', String(body.configuration));
      const sessionId = id('bps');
      const session = {
        id: sessionId,
        object: 'billing_portal.session',
        customer: customer.id,
        return_url: body.return_url ?? null,
        // Without one, Stripe uses the account's default configuration.
        configuration: body.configuration ?? 'bpc_default',
        created: now(),
        livemode: false,
        locale: body.locale ?? null,
        url: `${baseUrl}/p/session/${sessionId}`,
      };
      portalSessions.set(sessionId, session);
      return { status: 200, body: session };
    }
    return notFound('route', `${method} ${path}`);
  };

  /** The payer finishes a Checkout Session (the API's `completeSession`, and the hosted page's Pay). */
  const completeSession = (sessionId: string): Json => {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`stand-in: no session ${sessionId}`);
    if (session.mode === 'subscription') {
      // The payer entered a card: the subscription starts paid, charging that card from now on.
      const subscriptionId = id('sub');
      subscriptions.set(subscriptionId, {
        id: subscriptionId,
        object: 'subscription',
        customer: String(session.customer),
        status: 'active',
        default_payment_method: 'pm_card_visa',
        items: subscriptionItems({ items: session.line_items }, subscriptionId),
        metadata: ((session.subscription_data as Json).metadata as Json) ?? {},
        created: now(),
        current_period_end: now() + 30 * 86_400,
      });
      Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: subscriptionId });
      return session;
    }
    const intentId = id('pi');
    intents.set(intentId, {
      id: intentId,
      object: 'payment_intent',
      amount: Number(session.amount_total),
      currency: String(session.currency),
      status: 'succeeded',
      metadata: ((session.payment_intent_data as Json).metadata as Json) ?? {},
      client_secret: `${intentId}_secret`,
      last_payment_error: null,
      next_action: null,
    });
    Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: intentId });
    return session;
  };

  /** Stripe's hosted Checkout page, reduced to what is bought, a Pay button and the way back. */
  const checkoutPage = (sessionId: string) => {
    const session = sessions.get(sessionId);
    if (!session)
      return { status: 404, html: '<!doctype html><title>Not found</title><p>No such session.</p>' };
    const cancel =
      typeof session.cancel_url === 'string'
        ? `<p><a href="${escapeHtml(session.cancel_url)}">Back</a></p>`
        : '';
    const what =
      session.mode === 'subscription'
        ? `Subscription: ${escapeHtml(JSON.stringify((session.metadata as Json).plan ?? 'plan'))}`
        : `Payment of ${escapeHtml(String(session.amount_total))} ${escapeHtml(String(session.currency))}`;
    const pay =
      session.status === 'open'
        ? `<form method="post"><p><label>Card number <input name="card" value="4242 4242 4242 4242" autocomplete="cc-number"></label></p><button type="submit">Pay</button></form>`
        : `<p>This Checkout is ${escapeHtml(String(session.status))}.</p>`;
    return {
      status: 200,
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout (test stand-in)</title></head><body><main><h1>Stripe Checkout (test stand-in)</h1><p>${what}</p>${pay}${cancel}</main></body></html>`,
    };
  };

  /** Stripe's hosted portal page, reduced to where it came from and the way back. */
  const portalPage = (sessionId: string) => {
    const session = portalSessions.get(sessionId);
    if (!session)
      return { status: 404, html: '<!doctype html><title>Not found</title><p>No such session.</p>' };
    const back =
      typeof session.return_url === 'string'
        ? `<p><a href="${escapeHtml(session.return_url)}">Return to Atelier</a></p>`
        : '';
    return {
      status: 200,
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stripe customer portal (test stand-in)</title></head><body><main><h1>Stripe customer portal (test stand-in)</h1><p>Customer <code>${escapeHtml(String(session.customer))}</code>: a real portal would show the card on file here.</p>${back}</main></body></html>`,
    };
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const method = request.method ?? 'GET';
      const body = parseStripeForm(Buffer.concat(chunks).toString('utf8'));
      requests.push({ method, path: url.pathname, body });
      // The hosted portal page is for the customer's browser: no API key, HTML.
      const portalPath = /^\/p\/session\/([^/]+)$/.exec(url.pathname);
      if (method === 'GET' && portalPath) {
        const page = portalPage(portalPath[1]!);
        response.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' });
        response.end(page.html);
        return;
      }
      // The hosted Checkout page: Pay completes the session and goes to its success address.
      const checkoutPath = /^\/c\/pay\/([^/]+)$/.exec(url.pathname);
      if (checkoutPath && method === 'POST') {
        const session = sessions.get(checkoutPath[1]!);
        if (session?.status === 'open') {
          completeSession(String(session.id));
          const back = String(session.success_url).replace('{CHECKOUT_SESSION_ID}', String(session.id));
          response.writeHead(303, { location: back });
          response.end();
          return;
        }
      }
      if (checkoutPath) {
        const page = checkoutPage(checkoutPath[1]!);
        response.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' });
        response.end(page.html);
        return;
      }
      if (down !== undefined && url.pathname.startsWith(down)) {
        response.writeHead(500, { 'content-type': 'application/json', 'request-id': id('req') });
        response.end(JSON.stringify({ error: { type: 'api_error', message: 'stand-in outage' } }));
        return;
      }
      // Stripe.js calls from the payer's page (another origin): readable there, as Stripe's answers are.
      response.setHeader('access-control-allow-origin', '*');
      if (method === 'OPTIONS') {
        response.writeHead(204, {
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'content-type, authorization, stripe-version',
        });
        response.end();
        return;
      }
      const publishable = String(body.key ?? url.searchParams.get('key') ?? '').startsWith('pk_');
      // A browser's calls (forwarded by Playwright, which keeps connections alive) each get their own
      // connection: a kept one this server closes when idle can be reset under the next request.
      if (publishable) response.setHeader('connection', 'close');
      const key = request.headers['idempotency-key'];
      const replayKey = typeof key === 'string' && method === 'POST' ? `${url.pathname}:${key}` : undefined;
      let answer = replayKey ? idempotent.get(replayKey) : undefined;
      if (!answer) {
        answer = request.headers.authorization?.startsWith('Bearer sk_')
          ? routes(method, url.pathname, body, url.searchParams)
          : publishable
            ? browserRoutes(method, url.pathname, body, url.searchParams)
            : {
                status: 401,
                body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } },
              };
        // Stripe replays the first answer to a key, as a snapshot.
        if (replayKey)
          idempotent.set(replayKey, { status: answer.status, body: structuredClone(answer.body) });
      }
      response.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': id('req') });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    intents,
    customers,
    refunds,
    paymentMethods,
    setupIntents,
    declineKeptCard(paymentMethodId) {
      const kept = paymentMethods.get(paymentMethodId);
      if (!kept) throw new Error(`stand-in: no kept card ${paymentMethodId}`);
      kept.behaves = 'pm_card_chargeDeclined';
    },
    requireAuthentication(paymentMethodId) {
      const kept = paymentMethods.get(paymentMethodId);
      if (!kept) throw new Error(`stand-in: no kept card ${paymentMethodId}`);
      kept.behaves = 'pm_card_authenticationRequired';
    },
    authenticateIntent(intentId, passed) {
      const intent = intents.get(intentId);
      if (!intent) throw new Error(`stand-in: no intent ${intentId}`);
      const answer = authenticate(intent, passed);
      if (answer.status !== 200) throw new Error(`stand-in: ${JSON.stringify(answer.body)}`);
      return intent;
    },
    sessions,
    subscriptions,
    portalConfigurations,
    portalSessions,
    requests,
    completeIntent(intentId, outcome = 'succeeded') {
      const intent = intents.get(intentId);
      if (!intent) throw new Error(`stand-in: no intent ${intentId}`);
      if (outcome === 'failed') {
        declined(intent);
        announce(intent);
      } else if (outcome === 'requires_action') confirm(intent, 'pm_card_authenticationRequired');
      else confirm(intent, 'pm_card_visa');
      intent.amount_received = intent.status === 'succeeded' ? intent.amount : 0;
      return intent;
    },
    completeSession,
    forgetIdempotencyKeys: () => idempotent.clear(),
    outage(pathPrefix) {
      down = pathPrefix;
    },
    subscriptionAs(subscriptionId, status) {
      const subscription = subscriptions.get(subscriptionId);
      if (!subscription) throw new Error(`stand-in: no subscription ${subscriptionId}`);
      return { ...structuredClone(subscription), status };
    },
    invoice(subscriptionId, { status, amount, created, attempt = 1 }) {
      const subscription = subscriptions.get(subscriptionId);
      if (!subscription) throw new Error(`stand-in: no subscription ${subscriptionId}`);
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
        // Where Stripe's 2025+ API says which subscription an invoice bills.
        parent: {
          type: 'subscription_details',
          quote_details: null,
          subscription_details: { subscription: subscriptionId, metadata: subscription.metadata ?? {} },
        },
        metadata: {},
      };
    },
    event,
    deliverWebhooks(target) {
      webhookTarget = target;
    },
    webhookDeliveries,
    async redeliver(eventId) {
      const payload = sentEvents.get(eventId);
      if (!payload || !webhookTarget) throw new Error(`stand-in: event ${eventId} was not delivered`);
      const status = await post(payload, webhookTarget);
      const sent = JSON.parse(payload) as { type: string; data: { object: Intent } };
      webhookDeliveries.push({ eventId, type: sent.type, intentId: sent.data.object.id, status });
      return status;
    },
    sign(payload, secret, timestamp) {
      return signer.webhooks.generateTestHeaderString({
        payload,
        secret,
        ...(timestamp === undefined ? {} : { timestamp }),
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StripeStandIn, startStripeStandIn } from './stripe-stand-in.js';

// The stand-in's browser side, which the e2e card journey (e2e/journeys/card-payment.mjs) relies on:
// what Stripe.js may do with a publishable key, the typed test cards, and webhook delivery to the app.

const SECRET = 'whsec_stand_in_test';

describe('Stripe stand-in: the payer’s browser and webhooks', () => {
  let stand: StripeStandIn;
  let stripe: Stripe;
  const received: { type: string; intent: string; verified: boolean }[] = [];
  let receiver: ReturnType<typeof createServer>;
  // What the webhook receiver answers: a 500 first makes the stand-in retry, as Stripe does.
  let failNext = 0;

  const browser = (path: string, fields: Record<string, string>, method: 'GET' | 'POST' = 'POST') => {
    const form = new URLSearchParams(fields);
    return fetch(`${stand.url}${path}${method === 'GET' ? `?${form}` : ''}`, {
      method,
      ...(method === 'POST' ? { body: form } : {}),
    });
  };
  const newIntent = () => stripe.paymentIntents.create({ amount: 4_008, currency: 'usd' });
  const card = (number: string) => ({
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': number,
  });
  const until = async (what: () => boolean) => {
    for (let i = 0; i < 100 && !what(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    return what();
  };

  beforeAll(async () => {
    stand = await startStripeStandIn();
    const url = new URL(stand.url);
    stripe = new Stripe('sk_test_stand_in', { host: url.hostname, port: url.port, protocol: 'http' });
    receiver = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (failNext > 0) {
          failNext--;
          response.writeHead(500).end();
          return;
        }
        const payload = Buffer.concat(chunks);
        let verified = true;
        let event: Stripe.Event;
        try {
          event = stripe.webhooks.constructEvent(
            payload,
            String(request.headers['stripe-signature']),
            SECRET,
          );
        } catch {
          verified = false;
          event = JSON.parse(payload.toString('utf8'));
        }
        received.push({
          type: event.type,
          intent: (event.data.object as { id: string }).id,
          verified,
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    stand.deliverWebhooks({ url: `http://127.0.0.1:${port}/webhook`, secret: SECRET });
  });
  afterAll(async () => {
    await stand.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('lets a publishable key reach only the intent its client secret names, readable cross-origin', async () => {
    const intent = await newIntent();
    const read = await browser(
      `/v1/payment_intents/${intent.id}`,
      { key: 'pk_test_x', client_secret: intent.client_secret! },
      'GET',
    );
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await read.json()) as { id: string }).id).toBe(intent.id);
    const wrongSecret = await browser(`/v1/payment_intents/${intent.id}/confirm`, {
      key: 'pk_test_x',
      client_secret: `${intent.id}_secret_guessed`,
      ...card('4242424242424242'),
    });
    expect(wrongSecret.status).toBe(404);
    const elsewhere = await browser('/v1/refunds', { key: 'pk_test_x', payment_intent: intent.id });
    expect(elsewhere.status).toBe(400);
    const noKey = await browser(`/v1/payment_intents/${intent.id}`, {}, 'GET');
    expect(noKey.status).toBe(401);
    expect(stand.intents.get(intent.id)!.status).toBe('requires_payment_method');
  });

  it('declines 4000 0000 0000 0002, then pays 4242 on the same intent, once; a webhook for each', async () => {
    const intent = await newIntent();
    const confirm = (number: string) =>
      browser(`/v1/payment_intents/${intent.id}/confirm`, {
        key: 'pk_test_x',
        client_secret: intent.client_secret!,
        ...card(number),
      });
    const declined = await confirm('4000 0000 0000 0002');
    expect(declined.status).toBe(402);
    expect(((await declined.json()) as { error: unknown }).error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
    });
    const wrong = await confirm('1234 5678 9012 3456');
    expect(((await wrong.json()) as { error: unknown }).error).toMatchObject({
      type: 'card_error',
      code: 'incorrect_number',
    });
    const mine = () => received.filter((event) => event.intent === intent.id);
    expect(await until(() => mine().length === 2)).toBe(true);
    failNext = 1; // the app is briefly down: the success is delivered on the retry
    const paid = await confirm('4242 4242 4242 4242');
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ status: 'succeeded', amount_received: 4_008 });
    expect((await confirm('4242424242424242')).status).toBe(400);

    expect(await until(() => mine().length === 3)).toBe(true);
    // Each is sent on its own after the answer, so their arrival order is not guaranteed (nor at Stripe).
    expect(
      mine()
        .map((event) => event.type)
        .sort(),
    ).toEqual(['payment_intent.payment_failed', 'payment_intent.payment_failed', 'payment_intent.succeeded']);
    expect(mine().every((event) => event.verified)).toBe(true);
    // The stand-in records a delivery once the answer is back, a moment after the receiver saw it.
    const successes = () =>
      stand.webhookDeliveries.filter(
        (d) => d.intentId === intent.id && d.type === 'payment_intent.succeeded',
      );
    expect(await until(() => successes().length === 2)).toBe(true);
    expect(successes().map((d) => d.status)).toEqual([500, 200]);
    const deliveries = stand.webhookDeliveries.filter((d) => d.intentId === intent.id);

    // Stripe may deliver an event again: the same event id, signed anew.
    const succeeded = deliveries.find((d) => d.type === 'payment_intent.succeeded')!;
    expect(await stand.redeliver(succeeded.eventId)).toBe(200);
    expect(mine()).toHaveLength(4);
  });
});

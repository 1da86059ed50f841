import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { createStudiosService } from '../studios/index.js';
import { createPaymentsService } from './payments.service.js';
import type { PaymentPlanSummary } from './plans.mine.js';
import { createPlansService, type PaymentPlanView } from './plans.service.js';
import { SANDBOX_CARDS } from './provider.sandbox.js';
import { inStudio, newCardPlan } from './testing/fixtures.js';

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;
type Person = { jar: Jar; userId: string };

const MINE = '/api/v1/studios/my-plans/my/payment-plans';

describe("the client's list of payment plans", () => {
  let t: TestApp;
  let plans: ReturnType<typeof createPlansService>;
  let owner: Person;
  let mint: Person;
  let other: Person;
  let stranger: Person;
  let studioId: string;
  let otherStudioId: string;
  const clientIds: Record<string, string> = {};

  const get = (url: string, person?: Person) => requestAs(t, person ?? null)('GET', url);

  const newPlan = async (
    inStudioId: string,
    clientId: string,
    {
      card = SANDBOX_CARDS.succeeds,
      totalMinor = 60_000,
      instalments = 3,
    }: { card?: string; totalMinor?: number; instalments?: number } = {},
  ): Promise<PaymentPlanView> =>
    newCardPlan(t.database, plans, inStudioId, {
      clientId,
      email: 'someone@example.com',
      card,
      totalMinor,
      instalments,
    });

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'error', rateLimitPerMinute: 100_000 } });
    owner = await signUpVerified(t, 'my-plans-owner@example.com');
    mint = await signUpVerified(t, 'my-plans-mint@example.com');
    other = await signUpVerified(t, 'my-plans-other@example.com');
    stranger = await signUpVerified(t, 'my-plans-stranger@example.com');
    studioId = (await openStudio(t, owner, { slug: 'my-plans' })).id;
    otherStudioId = (await openStudio(t, owner, { slug: 'my-plans-elsewhere' })).id;
    const studios = createStudiosService({ database: t.database, cache: t.cache });
    for (const [key, person, inStudioId] of [
      ['mint', mint, studioId],
      ['other', other, studioId],
      ['mintElsewhere', mint, otherStudioId],
    ] as const) {
      clientIds[key] = (
        await inStudio(t.database, inStudioId, (ctx) =>
          studios.upsertClient(ctx, { email: `${key}@example.com`, name: key, userId: person.userId }),
        )
      ).id;
    }
    const payments = createPaymentsService({
      database: t.database,
      storage: t.storage,
      appSecret: t.config.appSecret,
      sandbox: true,
    });
    plans = createPlansService({ database: t.database, payments });
  }, 120_000);
  afterAll(async () => t.close());

  it("lists only the signed-in client's plans in this studio, newest first, in cursor pages", async () => {
    const first = await newPlan(studioId, clientIds.mint!);
    const declining = await newPlan(studioId, clientIds.mint!, {
      card: SANDBOX_CARDS.declines_off_session,
      totalMinor: 100_000,
    });
    // A month on the job charges instalment 2 of both: the first card pays, the other is declined.
    await plans.runDueInstalments(new Date(Date.now() + 31 * 86_400_000));
    const paidOff = await newPlan(studioId, clientIds.mint!, { totalMinor: 10_000, instalments: 1 });
    const othersPlan = await newPlan(studioId, clientIds.other!);
    const elsewhere = await newPlan(otherStudioId, clientIds.mintElsewhere!);

    const page1 = await get(`${MINE}?limit=2`, mint);
    expect(page1.statusCode, page1.body).toBe(200);
    const body1 = page1.json() as { items: PaymentPlanSummary[]; nextCursor: string | null };
    expect(body1.items.map((plan) => plan.id)).toEqual([paidOff.id, declining.id]);
    expect(body1.nextCursor).toEqual(expect.any(String));
    const page2 = (await get(`${MINE}?limit=2&cursor=${body1.nextCursor}`, mint)).json();
    expect(page2.items.map((plan: PaymentPlanSummary) => plan.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();

    const [done, retrying] = body1.items;
    expect(done).toMatchObject({
      status: 'completed',
      totalMinor: 10_000,
      paidMinor: 10_000,
      instalmentCount: 1,
      paidInstalments: 1,
      nextInstalment: null,
    });
    const second = declining.instalments[1]!;
    expect(retrying).toMatchObject({
      status: 'active',
      currency: 'USD',
      totalMinor: 100_000,
      paidMinor: 33_334,
      instalmentCount: 3,
      paidInstalments: 1,
      payable: declining.payable,
      nextInstalment: { id: second.id, seq: 2, amountMinor: 33_333, dueAt: second.dueAt, status: 'retrying' },
    });
    expect(Date.parse(retrying!.nextInstalment!.nextAttemptAt!)).toBeGreaterThan(Date.parse(second.dueAt));
    expect(page2.items[0]).toMatchObject({
      status: 'active',
      paidMinor: 40_000,
      paidInstalments: 2,
      nextInstalment: {
        seq: 3,
        amountMinor: 20_000,
        status: 'scheduled',
        dueAt: first.instalments[2]!.dueAt,
      },
    });

    // Another client of the same studio sees only theirs; the other studio's list holds only its own.
    const others = (await get(MINE, other)).json();
    expect(others.items.map((plan: PaymentPlanSummary) => plan.id)).toEqual([othersPlan.id]);
    const mintElsewhere = (await get('/api/v1/studios/my-plans-elsewhere/my/payment-plans', mint)).json();
    expect(mintElsewhere.items.map((plan: PaymentPlanSummary) => plan.id)).toEqual([elsewhere.id]);
  });

  it('is empty for someone who is not a client here, 401 signed out, 400 for a bad cursor, 404 for no studio', async () => {
    expect((await get(MINE, stranger)).json()).toEqual({ items: [], nextCursor: null });
    expect((await get(MINE, owner)).json()).toEqual({ items: [], nextCursor: null });
    const anonymous = await get(MINE);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const badCursor = await get(`${MINE}?cursor=nope`, mint);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().errors[0].field).toBe('query.cursor');
    expect((await get(`${MINE}?limit=0`, mint)).statusCode).toBe(400);
    expect((await get('/api/v1/studios/no-such-studio/my/payment-plans', mint)).statusCode).toBe(404);
  });
});

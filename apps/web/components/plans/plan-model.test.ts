import { describe, expect, it } from 'vitest';
import { awaitingAuthentication, nextChargeable, type PaymentPlan } from './plan-model';

type Instalment = PaymentPlan['instalments'][number];

/** A plan of three parts in the given states (only what these rules read is meaningful). */
function plan(statuses: Instalment['status'][], extra: Partial<PaymentPlan> = {}): PaymentPlan {
  return {
    status: 'active',
    instalments: statuses.map(
      (status, index) =>
        ({
          id: `i${index + 1}`,
          seq: index + 1,
          status,
          awaitingAuthentication: false,
        }) as Instalment,
    ),
    ...extra,
  } as PaymentPlan;
}

describe('nextChargeable', () => {
  it('is the first unpaid instalment while it waits, and none while it is being charged', () => {
    expect(nextChargeable(plan(['paid', 'retrying', 'scheduled']))?.id).toBe('i2');
    expect(nextChargeable(plan(['paid', 'processing', 'scheduled']))).toBeNull();
    expect(nextChargeable(plan(['paid', 'paid', 'scheduled'], { status: 'cancelled' }))).toBeNull();
  });
});

describe('awaitingAuthentication', () => {
  it("is the instalment whose charge waits for the bank's check, on an active plan", () => {
    const waiting = plan(['paid', 'processing', 'scheduled']);
    waiting.instalments[1]!.awaitingAuthentication = true;
    expect(awaitingAuthentication(waiting)?.id).toBe('i2');
    expect(awaitingAuthentication({ ...waiting, status: 'failed' })).toBeNull();
    expect(awaitingAuthentication(plan(['paid', 'processing', 'scheduled']))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { createLiveRefresh } from './live-refresh-schedule';

const MINUTE = 60_000;

function harness() {
  const state = { now: 0, visible: true, refreshes: 0 };
  const live = createLiveRefresh({
    everyMs: MINUTE,
    now: () => state.now,
    visible: () => state.visible,
    refresh: () => {
      state.refreshes++;
    },
  });
  return { state, live };
}

describe('createLiveRefresh', () => {
  it('reads again once a minute while the tab is shown', () => {
    const { state, live } = harness();
    state.now = 55_000;
    live.check();
    expect(state.refreshes).toBe(0);
    state.now = 60_000;
    live.check();
    expect(state.refreshes).toBe(1);
    state.now = 90_000;
    live.check();
    expect(state.refreshes).toBe(1);
    state.now = 120_000;
    live.check();
    expect(state.refreshes).toBe(2);
  });

  it('reads nothing while hidden, and at once when shown again after a minute', () => {
    const { state, live } = harness();
    state.visible = false;
    state.now = 10 * MINUTE;
    live.check();
    expect(state.refreshes).toBe(0);
    state.visible = true;
    live.check();
    expect(state.refreshes).toBe(1);
    // Shown again soon after: the numbers are fresh.
    state.now += 5_000;
    live.check();
    expect(state.refreshes).toBe(1);
  });

  it('counts from a render that came another way (a link, a form)', () => {
    const { state, live } = harness();
    state.now = 50_000;
    live.rendered();
    state.now = 70_000;
    live.check();
    expect(state.refreshes).toBe(0);
    state.now = 110_000;
    live.check();
    expect(state.refreshes).toBe(1);
  });
});

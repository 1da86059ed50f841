import { describe, expect, it } from 'vitest';
import { portalFailureOf, portalFailureQuery } from './portal-failure';

const read = (query: string) => portalFailureOf(Object.fromEntries(new URLSearchParams(query)));

describe('the billing page reading back why "Manage payment method" failed', () => {
  it('reads what the server action wrote', () => {
    const failure = { status: 409, code: 'conflict', requestId: '0193a6f0-7c1e-7aa0-9d55-2c1f9d3b0e11' };
    expect(read(portalFailureQuery(failure))).toEqual(failure);
    const unreachable = { status: 0, code: 'network_error', requestId: undefined };
    expect(portalFailureQuery(unreachable)).toBe('portal=0&code=network_error');
    expect(read(portalFailureQuery(unreachable))).toEqual(unreachable);
  });

  it('ignores an address that was not written by the action', () => {
    expect(read('')).toBeNull();
    expect(read('plan=studio')).toBeNull();
    expect(read('portal=409')).toBeNull();
    expect(read('portal=200&code=ok')).toBeNull();
    expect(read('portal=4090&code=conflict')).toBeNull();
    expect(read('portal=409&code=<script>')).toBeNull();
    expect(portalFailureOf({ portal: ['409', '503'], code: 'conflict' })).toBeNull();
    // A request id that is not one is dropped; the rest still shows.
    expect(read('portal=503&code=service_unavailable&ref=<b>x</b>')).toEqual({
      status: 503,
      code: 'service_unavailable',
      requestId: undefined,
    });
  });
});

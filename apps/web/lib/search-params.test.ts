import { describe, expect, it } from 'vitest';
import { one, oneOf, pageLinks, pageRequest, queryOf, withQuery } from './search-params';

describe('one: a query parameter as one string', () => {
  it('takes the first of repeated values and trims it', () => {
    expect(one(['  paid ', 'pending'])).toBe('paid');
    expect(one(' VS-1042 ')).toBe('VS-1042');
  });

  it('answers an empty string for a missing parameter', () => {
    expect(one(undefined)).toBe('');
    expect(one([])).toBe('');
  });
});

describe('oneOf: only values the filter offers', () => {
  const STATUSES = ['pending', 'paid', 'cancelled'] as const;

  it('keeps an offered value', () => {
    expect(oneOf(STATUSES, 'paid')).toBe('paid');
    expect(oneOf(STATUSES, [' cancelled', 'paid'])).toBe('cancelled');
  });

  it('drops anything else, so a stale bookmark shows the whole list', () => {
    expect(oneOf(STATUSES, 'refunded')).toBeUndefined();
    expect(oneOf(STATUSES, 'PAID')).toBeUndefined();
    expect(oneOf(STATUSES, undefined)).toBeUndefined();
  });
});

describe('list URLs', () => {
  it('queryOf keeps only entries with a value, in order', () => {
    expect(
      queryOf({ q: 'print', status: undefined, from: '', to: '2026-11-01', brand: null }).toString(),
    ).toBe('q=print&to=2026-11-01');
  });

  it('withQuery adds "?" only when there is a query', () => {
    expect(withQuery('/volt-supply/admin/orders', new URLSearchParams())).toBe('/volt-supply/admin/orders');
    expect(withQuery('/volt-supply/admin/orders', queryOf({ q: 'a b' }))).toBe(
      '/volt-supply/admin/orders?q=a+b',
    );
  });

  it('pageRequest asks for one page of the filtered list, from the cursor when given', () => {
    const filters = queryOf({ status: 'paid' });
    expect(pageRequest(filters, 25).toString()).toBe('status=paid&limit=25');
    expect(pageRequest(filters, 25, 'c2').toString()).toBe('status=paid&limit=25&cursor=c2');
    // The filters themselves stay as they were: the page links are built from them too.
    expect(filters.toString()).toBe('status=paid');
  });

  it('pageLinks: no links on a single page', () => {
    expect(pageLinks('/s/admin/payments', queryOf({ status: 'paid' }), { nextCursor: null })).toEqual({
      first: null,
      next: null,
    });
  });

  it('pageLinks: the first page offers the next one, keeping the filters', () => {
    expect(
      pageLinks('/s/admin/payments', queryOf({ status: 'paid' }), { cursor: '', nextCursor: 'n/1' }),
    ).toEqual({
      first: null,
      next: '/s/admin/payments?status=paid&cursor=n%2F1',
    });
  });

  it('pageLinks: past the first page, the way back starts the filtered list again', () => {
    expect(pageLinks('/s/admin/orders', queryOf({ q: 'VS' }), { cursor: 'c1', nextCursor: 'c2' })).toEqual({
      first: '/s/admin/orders?q=VS',
      next: '/s/admin/orders?q=VS&cursor=c2',
    });
    expect(pageLinks('/s/admin/orders', new URLSearchParams(), { cursor: 'c1' })).toEqual({
      first: '/s/admin/orders',
      next: null,
    });
  });
});

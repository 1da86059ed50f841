import { AtelierApiError, type FieldError } from '@atelier/sdk';
import { describe, expect, it } from 'vitest';
import { fieldPath, problemFields, problemSummary, type SummaryKey } from './problem-fields';

const refusal = (status: number, detail: string, fields: FieldError[] = []) =>
  new AtelierApiError({ status, code: 'x', detail, fields });

/** The form's own words, as `CatalogAdmin.errors` / `OrdersAdmin.errors` give them. */
const ownWords = (key: SummaryKey) => `[${key}]`;
/** A worder that knows every rule (the page's `ApiReasons`). */
const worded = (error: FieldError) => `worded ${error.reason ?? error.message}`;

describe('field errors on the form’s inputs', () => {
  const variantSku = refusal(409, 'SKU taken', [
    { field: 'body.variants[1].sku', message: 'is taken', reason: 'sku.taken', params: { sku: 'P-1' } },
    { field: 'body.variants[1].sku', message: 'second message for the same field' },
    { field: 'query.sort', message: 'is not a sort' },
  ]);

  it('keeps the API’s spelling of a path by default (the catalog editor’s grid)', () => {
    expect(problemFields(variantSku)).toEqual({ 'variants[1].sku': 'is taken', sort: 'is not a sort' });
  });

  it('spells every step with a dot when the form names its inputs so (commerce settings)', () => {
    const settings = refusal(400, 'Invalid', [
      { field: 'body.shippingMethods[0].name', message: 'is required' },
      { field: '/shippingMethods/1/bands', message: 'needs a band' },
      { field: 'headers.idempotency-key', message: 'is required' },
    ]);
    expect(problemFields(settings, undefined, { paths: 'dots' })).toEqual({
      'shippingMethods.0.name': 'is required',
      'shippingMethods.1.bands': 'needs a band',
      'idempotency-key': 'is required',
    });
    expect(fieldPath('body.proof.dataBase64', 'dots')).toBe('proof.dataBase64');
    expect(fieldPath('body.variants[2].options[0]')).toBe('variants[2].options[0]');
  });

  it('words each field with the given worder, the first message for a field winning', () => {
    expect(problemFields(variantSku, worded)).toEqual({
      'variants[1].sku': 'worded sku.taken',
      sort: 'worded is not a sort',
    });
  });

  it('names no field for something that is not an API answer', () => {
    expect(problemFields(new Error('boom'))).toEqual({});
  });
});

describe('the line above the form', () => {
  it('leads with the first field’s rule in the reader’s words', () => {
    const taken = refusal(409, 'An item with the slug "poster" exists', [
      { field: 'body.slug', message: 'is taken', reason: 'slug.taken', params: { slug: 'poster' } },
    ]);
    expect(problemSummary(taken, ownWords, worded)).toBe('worded slug.taken');
    // Without a worder, the API's detail.
    expect(problemSummary(taken, ownWords)).toBe('An item with the slug "poster" exists');
  });

  it('says a 403 that names no rule in the form’s own words, never the API’s English', () => {
    const role = refusal(403, 'Your role (staff) does not allow catalog:write');
    expect(problemSummary(role, ownWords, worded)).toBe('[forbidden]');
    expect(problemSummary(role, ownWords)).toBe('[forbidden]');
    // A 403 that names its rule says that rule.
    const owners = refusal(403, 'Only an owner can make or unmake owners', [
      { field: 'role', message: 'Only an owner can make or unmake owners', reason: 'team.owners_only' },
    ]);
    expect(problemSummary(owners, ownWords, worded)).toBe('worded team.owners_only');
    expect(problemSummary(owners, ownWords)).toBe('[forbidden]');
  });

  it('keeps the API’s detail only for a refusal the web has no words for', () => {
    expect(
      problemSummary(refusal(409, 'The payment could not be started; try again'), ownWords, worded),
    ).toBe('The payment could not be started; try again');
    expect(problemSummary(refusal(404, 'No such item'), ownWords, worded)).toBe('[notFound]');
    expect(problemSummary(refusal(0, 'fetch failed'), ownWords, worded)).toBe('[unreachable]');
    expect(problemSummary(refusal(500, 'Something went wrong on our side'), ownWords, worded)).toBe(
      '[unexpected]',
    );
    expect(problemSummary(new TypeError('x is undefined'), ownWords, worded)).toBe('[unexpected]');
  });
});

import { describe, expect, it } from 'vitest';
import { refusedFilters } from './listing-logic';

const problem = (status: number, code: string, fields: string[] = []) => ({
  status,
  code,
  fields: fields.map((field) => ({ field, message: 'refused' })),
});

describe('refusedFilters', () => {
  it('drops a cursor the API no longer accepts', () => {
    expect(refusedFilters(problem(400, 'invalid_cursor'))).toEqual(['cursor']);
  });
  it('drops prices past the API limits, by their filter names', () => {
    expect(refusedFilters(problem(400, 'validation_failed', ['query.maxPrice']))).toEqual(['maxPrice']);
    expect(refusedFilters(problem(400, 'validation_failed', ['query.minPrice', 'query.maxPrice']))).toEqual([
      'minPrice',
      'maxPrice',
    ]);
  });
  it('leaves other refusals to the error block: other fields, a mix, or not a 400', () => {
    expect(refusedFilters(problem(400, 'validation_failed', ['query.sort']))).toBeNull();
    expect(refusedFilters(problem(400, 'validation_failed', ['query.sort', 'query.maxPrice']))).toBeNull();
    expect(refusedFilters(problem(400, 'validation_failed'))).toBeNull();
    expect(refusedFilters(problem(503, 'unavailable', ['query.maxPrice']))).toBeNull();
  });
});

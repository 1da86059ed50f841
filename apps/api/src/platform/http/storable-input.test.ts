import { describe, expect, it } from 'vitest';
import { toAppError } from './error-handler.js';
import { type CompiledValidator, refusingUnstorable, unstorableInput } from './storable-input.js';

describe('unstorableInput', () => {
  it('finds a NUL character or an unsafe number anywhere, by its Ajv path', () => {
    expect(unstorableInput({ a: 'fine', b: [1, 'x\u0000'] })).toMatchObject({
      instancePath: '/b/1',
      keyword: 'noNul',
    });
    expect(unstorableInput({ price: -1e20 })).toMatchObject({
      instancePath: '/price',
      keyword: 'safeNumber',
    });
    expect(unstorableInput('\u0000')).toMatchObject({ instancePath: '' });
  });

  it('passes ordinary input, the largest safe integer and non-finite numbers (the schema judges those)', () => {
    expect(
      unstorableInput({ a: 'ok', n: Number.MAX_SAFE_INTEGER, m: -Number.MAX_SAFE_INTEGER, t: true }),
    ).toBeNull();
    expect(unstorableInput([null, undefined, 'ก', '🙂'])).toBeNull();
  });

  it('leaves bytes alone (an uploaded image has NUL bytes) and does not walk them', () => {
    const image = Buffer.alloc(10 * 1024 * 1024);
    const started = performance.now();
    expect(unstorableInput(image)).toBeNull();
    expect(unstorableInput({ file: new Uint8Array([0, 0, 0]) })).toBeNull();
    // Walking the 10 MB key by key took ~12 s on the machine this was written on; skipping it is instant.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(unstorableInput({ at: new Date(0) })).toBeNull();
  });
});

describe('refusingUnstorable', () => {
  const schemaSays = (ok: boolean): CompiledValidator => {
    const validate: CompiledValidator = () => {
      validate.errors = ok ? null : [{ instancePath: '/x', message: 'schema says no' }];
      return ok;
    };
    validate.schemaEnv = { marker: true };
    return validate;
  };

  it("keeps the schema's own verdict and errors, then refuses unstorable input the same way", () => {
    const refused = refusingUnstorable(schemaSays(false));
    expect(refused({ x: 'a\u0000' })).toBe(false);
    expect(refused.errors).toEqual([{ instancePath: '/x', message: 'schema says no' }]);

    const checked = refusingUnstorable(schemaSays(true));
    expect(checked({ x: 'a\u0000' })).toBe(false);
    expect(checked.errors).toEqual([expect.objectContaining({ instancePath: '/x', keyword: 'noNul' })]);
    expect(checked({ x: 'a' })).toBe(true);
    // Fastify hands Ajv the request as the value's parent only when the validator says it is Ajv's.
    expect(checked.schemaEnv).toEqual({ marker: true });
  });

  it('checks the value where Ajv left it when it was given the parent', () => {
    const checked = refusingUnstorable(schemaSays(true));
    const request = { query: { q: 'a\u0000' } };
    expect(checked(request.query, { parentData: request, parentDataProperty: 'query' })).toBe(false);
  });
});

describe('toAppError for text Postgres cannot store', () => {
  it('is a 400, whether the driver error comes bare or wrapped by Drizzle', () => {
    expect(toAppError(Object.assign(new Error('invalid byte sequence'), { code: '22021' })).status).toBe(400);
    expect(toAppError({ message: 'wrapped', cause: { code: '22P05' } }).status).toBe(400);
    // Anything else from the database stays a 500 (a bug, not the client's input).
    expect(toAppError(Object.assign(new Error('boom'), { code: '42P01' })).status).toBe(500);
  });
});

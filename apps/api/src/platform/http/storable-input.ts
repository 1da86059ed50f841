/**
 * Input the schema allows but the database cannot take: text with a NUL character (Postgres text and
 * jsonb refuse U+0000) and numbers beyond what JavaScript and a bigint hold exactly (Ajv calls 1e20 an
 * integer). Checked for every route after its schema passes, so a client hears which field is wrong
 * (400) instead of the database failing on it (500).
 */

/** Ajv's error shape, which the error handler turns into problem+json field errors. */
export interface InputIssue {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

const NUL = '\u0000';

/** The first part of `value` the database could not store, as an Ajv-style issue; null when none. */
export function unstorableInput(value: unknown, path = ''): InputIssue | null {
  if (typeof value === 'string') {
    return value.includes(NUL)
      ? { instancePath: path, keyword: 'noNul', message: 'must not contain the NUL character', params: {} }
      : null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER
      ? {
          instancePath: path,
          keyword: 'safeNumber',
          message: `must be between ${-Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
          params: { limit: Number.MAX_SAFE_INTEGER },
        }
      : null;
  }
  // Bytes (an uploaded image) are not text: NUL is an ordinary byte there.
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const issue = unstorableInput(value[index], `${path}/${index}`);
      if (issue) return issue;
    }
    return null;
  }
  if (value instanceof Date) return null;
  // Objects as JSON and the query-string parser make them (the latter's have a prototype of their own).
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const issue = unstorableInput(item, `${path}/${key}`);
      if (issue) return issue;
    }
  }
  return null;
}

/** Where Ajv may put a coerced root value (Fastify passes it when the validator has `schemaEnv`). */
interface DataContext {
  parentData: Record<string, unknown>;
  parentDataProperty: string;
}

/** A compiled validator as Fastify calls it: Ajv's (boolean with `errors`) or one returning a result. */
export type CompiledValidator = ((data: unknown, context?: DataContext) => unknown) & {
  errors?: unknown;
  schemaEnv?: unknown;
};

/**
 * Wraps a route part's validator so that, once the schema passes, unstorable input fails the same way a
 * schema error does (Fastify reads `errors` after a `false`). `schemaEnv` is carried over because Fastify
 * checks it to hand Ajv the request as the parent of the value (so a coerced root value lands there).
 */
export function refusingUnstorable(validate: CompiledValidator): CompiledValidator {
  const wrapped: CompiledValidator = (data, context) => {
    const result = context === undefined ? validate(data) : validate(data, context);
    wrapped.errors = validate.errors;
    if (result !== true) return result;
    const validated = context ? context.parentData[context.parentDataProperty] : data;
    const issue = unstorableInput(validated);
    if (issue === null) return true;
    wrapped.errors = [issue];
    return false;
  };
  if (validate.schemaEnv !== undefined) wrapped.schemaEnv = validate.schemaEnv;
  return wrapped;
}

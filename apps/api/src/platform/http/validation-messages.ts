import type { FieldError } from './errors.js';

/**
 * Schema validation failures (Ajv's errors, as Fastify hands them over) in the words a person filling in
 * a form can act on: one error per field, "must be one of: newest, price_asc" rather than five "must be
 * equal to constant" and a "must match a schema in anyOf", "is required" rather than "must have required
 * property 'name'". Clients read `errors[].field` to place the message; the message is for people, in
 * English, and `reason` (`schema.<keyword>`, with `params` such as the limit) lets a client word it in
 * the reader's language.
 */

export interface ValidationIssue {
  instancePath: string;
  keyword?: string;
  schemaPath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const TYPES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'empty (null)',
};

const FORMATS: Record<string, string> = {
  email: 'an email address',
  uuid: 'an id (a UUID)',
  'date-time': 'a date and time (ISO 8601, e.g. 2026-11-23T09:30:00Z)',
  date: 'a date (YYYY-MM-DD)',
  time: 'a time (HH:MM:SS)',
  uri: 'a URL',
  url: 'a URL',
};

const listed = (values: unknown[]) => values.map((value) => String(value)).join(', ');
const plural = (n: unknown, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One issue in plain words; Ajv's own message for keywords this does not know. */
export function describeIssue(issue: ValidationIssue): string {
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field this request takes';
    case 'type': {
      const types = String(p.type ?? '').split(',');
      return `must be ${types.map((type) => TYPES[type] ?? type).join(' or ')}`;
    }
    case 'format':
      return `must be ${FORMATS[String(p.format)] ?? `a valid ${String(p.format)}`}`;
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${p.limit}`;
    case 'multipleOf':
      return `must be a multiple of ${p.multipleOf}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${plural(p.limit, 'character')}`;
    case 'maxLength':
      return `must be at most ${plural(p.limit, 'character')}`;
    case 'minItems':
      return p.limit === 1 ? 'must not be empty' : `must have at least ${plural(p.limit, 'item')}`;
    case 'maxItems':
      return `must have at most ${plural(p.limit, 'item')}`;
    case 'uniqueItems':
      return 'must not list the same value twice';
    case 'pattern':
      return 'is not in the expected form';
    case 'enum':
      return Array.isArray(p.allowedValues)
        ? `must be one of: ${listed(p.allowedValues)}`
        : (issue.message ?? 'is not valid');
    case 'const':
      return `must be ${String(p.allowedValue)}`;
    default:
      return issue.message ?? 'is not valid';
  }
}

/** Ajv's `/items/0/name` under `body` becomes `body.items[0].name`, the name a form field shows. */
function fieldOf(context: string | undefined, issue: ValidationIssue): string {
  const segments = issue.instancePath.split('/').filter(Boolean);
  const missing = issue.params?.missingProperty;
  if (typeof missing === 'string') segments.push(missing);
  const extra = issue.params?.additionalProperty;
  if (typeof extra === 'string') segments.push(extra);
  const path = segments.reduce(
    (acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : acc ? `${acc}.${segment}` : segment),
    '',
  );
  // Fastify calls the query string `querystring`; clients know it as the query.
  const location = context === 'querystring' ? 'query' : (context ?? 'body');
  return [location, path].filter(Boolean).join('.');
}

const isUnion = (issue: ValidationIssue) => issue.keyword === 'anyOf' || issue.keyword === 'oneOf';

/**
 * A value that matched none of a union's branches: Ajv reports each branch's failure at the same place,
 * then the union. Said once: the allowed values when the branches are constants (an enum written as a
 * union of literals), otherwise each branch's requirement joined by "or".
 */
function describeUnion(branches: ValidationIssue[]): string {
  if (branches.length > 0 && branches.every((issue) => issue.keyword === 'const'))
    return `must be one of: ${listed(branches.map((issue) => issue.params?.allowedValue))}`;
  const wanted = [...new Set(branches.map(describeIssue))];
  return wanted.length > 0 ? wanted.join(', or ') : 'is not valid';
}

/** Which values of an issue's params a client needs to word it: the limit, the format, the choices. */
function paramsOf(issue: ValidationIssue): Record<string, string | number> | undefined {
  const p = issue.params ?? {};
  if (typeof p.limit === 'number') return { limit: p.limit };
  if (typeof p.format === 'string') return { format: p.format };
  if (typeof p.type === 'string') return { type: p.type };
  if (typeof p.multipleOf === 'number') return { multipleOf: p.multipleOf };
  if (Array.isArray(p.allowedValues)) return { allowed: listed(p.allowedValues) };
  if (p.allowedValue !== undefined) return { allowed: String(p.allowedValue) };
  return undefined;
}

/** The issue as a field error, with its rule (`schema.<keyword>`) for clients that word it themselves. */
function toFieldError(field: string, message: string, issue: ValidationIssue): FieldError {
  const params = paramsOf(issue);
  return {
    field,
    message,
    ...(issue.keyword ? { reason: `schema.${issue.keyword}` } : {}),
    ...(params ? { params } : {}),
  };
}

/** Every issue as a field error: unions said once, the same message for the same field once. */
export function fieldErrors(context: string | undefined, issues: ValidationIssue[]): FieldError[] {
  // The places where a union failed; the branch failures reported at those same places fold into it.
  const unions = new Set(issues.filter(isUnion).map((issue) => issue.instancePath));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (error: FieldError) => {
    const key = `${error.field}\n${error.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push(error);
  };
  for (const issue of issues) {
    const inUnion = unions.has(issue.instancePath) && !isUnion(issue) && issue.keyword !== 'required';
    if (inUnion) continue;
    if (isUnion(issue)) {
      const branches = issues.filter(
        (other) =>
          other.instancePath === issue.instancePath && !isUnion(other) && other.keyword !== 'required',
      );
      const field = fieldOf(context, issue);
      const message = describeUnion(branches);
      // A union of constants is an enum to the client: the same rule and params as `enum`.
      add(
        branches.length > 0 && branches.every((branch) => branch.keyword === 'const')
          ? {
              field,
              message,
              reason: 'schema.enum',
              params: { allowed: listed(branches.map((branch) => branch.params?.allowedValue)) },
            }
          : { field, message, reason: `schema.${issue.keyword}` },
      );
      continue;
    }
    add(toFieldError(fieldOf(context, issue), describeIssue(issue), issue));
  }
  return errors;
}

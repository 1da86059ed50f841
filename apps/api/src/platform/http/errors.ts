/**
 * One error type for every rule a request can break. Services throw `new AppError('not_found', ...)`;
 * the HTTP edge turns it into an RFC 9457 problem+json answer. The status comes from the code, in one
 * place, so a code means the same thing on every route.
 */

export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rule_broken: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  invalid_json: 'The body is not valid JSON',
  invalid_cursor: 'The pagination cursor is not valid',
  bad_request: 'Bad request',
  unauthenticated: 'Sign in required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  route_not_found: 'No such route',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  idempotency_in_progress: 'A request with this Idempotency-Key is still being processed',
  payload_too_large: 'The body is too large',
  unsupported_media_type: 'Unsupported content type',
  rule_broken: 'The request breaks a rule',
  idempotency_key_reused: 'This Idempotency-Key was used for a different request',
  rate_limited: 'Too many requests',
  internal: 'Something went wrong on our side',
  service_unavailable: 'The service is busy; try again shortly',
};

/**
 * One field that failed validation, e.g. { field: 'body.email', message: 'must be an email address' }.
 * `reason` (with its `params`) says which rule in a stable, machine-readable form ("promo.used_up",
 * "stock.only_left" { left: 2 }, "schema.required"), so a client can word it in its own language; the
 * message is the English wording. Not every error has one: a client falls back to the message.
 */
export interface FieldError {
  field: string;
  message: string;
  reason?: string;
  params?: Record<string, string | number>;
}

/** The rule behind a field error (FieldError.reason and its params). */
export interface FieldReason {
  reason: string;
  params?: Record<string, string | number>;
}

export interface AppErrorOptions {
  fields?: FieldError[];
  /** Seconds, sent as Retry-After (429, 503). */
  retryAfter?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly fields: FieldError[] | undefined;
  readonly retryAfter: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    options: AppErrorOptions = {},
  ) {
    super(message ?? TITLES[code], options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }

  /** A conflict on one field, e.g. a duplicate slug: 409 naming the field (and the rule, when given). */
  static conflictOn(field: string, message: string, why?: FieldReason): AppError {
    return new AppError('conflict', message, { fields: [{ field, message, ...why }] });
  }

  /** A validation failure on one field, raised by a service rule rather than a schema. */
  static invalid(field: string, message: string, why?: FieldReason): AppError {
    return new AppError('validation_failed', message, { fields: [{ field, message, ...why }] });
  }
}

/** The body of every error response (RFC 9457, plus a stable `code` and the request id). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export function toProblem(error: AppError, instance?: string, requestId?: string): Problem {
  return {
    type: `https://atelier.dev/problems/${error.code.replaceAll('_', '-')}`,
    title: TITLES[error.code],
    status: error.status,
    code: error.code,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(error.fields?.length ? { errors: error.fields } : {}),
  };
}

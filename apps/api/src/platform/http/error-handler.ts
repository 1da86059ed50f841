import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, toProblem } from './errors.js';
import { fieldErrors, type ValidationIssue } from './validation-messages.js';

/** Fastify's own error codes for bad requests, mapped to ours so clients see one vocabulary. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

/**
 * Postgres refusing text it cannot hold (a NUL character, an escape jsonb cannot store): only ever the
 * client's text, on a path no schema covers (a CSV cell, a multipart field). Schema-validated input is
 * refused earlier, naming the field (storable-input.ts).
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

function databaseCode(error: unknown): unknown {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.cause?.code ?? e?.code;
}

/** Turns anything thrown into an AppError; only a genuine bug stays a 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = databaseCode(error);
  if (typeof code === 'string' && UNSTORABLE_TEXT.has(code)) {
    return new AppError('bad_request', 'The request has text that cannot be stored (a NUL character)');
  }
  const fastifyError = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fastifyError?.validation) {
    const fields = fieldErrors(fastifyError.validationContext, fastifyError.validation);
    const first = fields[0];
    return new AppError('validation_failed', first ? `${first.field} ${first.message}` : undefined, {
      fields,
    });
  }
  const mapped = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped, fastifyError.message);
  const status = fastifyError?.statusCode;
  if (status === 429) return new AppError('rate_limited', fastifyError.message);
  if (status === 503) return new AppError('service_unavailable', fastifyError.message);
  if (status === 413) return new AppError('payload_too_large', fastifyError.message);
  if (status === 415) return new AppError('unsupported_media_type', fastifyError.message);
  if (status === 405) return new AppError('method_not_allowed', fastifyError.message);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('bad_request', fastifyError.message);
  }
  return new AppError('internal', undefined, { cause: error });
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
  return reply
    .status(error.status)
    .type('application/problem+json')
    .send(toProblem(error, request.url.split('?')[0], request.id));
}

/** Registers the app-wide error and not-found handlers: every failure leaves as problem+json. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else {
      request.log.info({ code: appError.code, detail: appError.message }, 'request refused');
    }
    return sendProblem(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new AppError('route_not_found', `No route for ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}

import createClient, { type Client } from 'openapi-fetch';
// Through ../src so that dist/index.d.ts reaches the generated types too: tsc never copies a .d.ts to dist.
import type { components, operations, paths } from '../src/schema.js';

export type { components, operations, paths };

/** The JSON body an operation answers with for one status, e.g. `JsonBody<'getStudio', 200>`. */
export type JsonBody<
  Op extends keyof operations,
  Status extends keyof operations[Op]['responses'],
> = operations[Op]['responses'][Status] extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

// The API inlines most response schemas, so the entities are named here from their operations; the
// aliases stay valid if the document later moves them into components.schemas.
export type Studio = JsonBody<'getStudio', 200>;
export type StudioBrand = Studio['brand'];
export type CatalogItem = JsonBody<'listCatalogItems', 200>['items'][number];
export type CatalogItemKind = CatalogItem['kind'];
export type Money = CatalogItem['price'];
export type Problem = components['schemas']['Problem'];
export type FieldError = NonNullable<Problem['errors']>[number];

/** One page of a cursor-paginated list; pass `nextCursor` back as `cursor` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type AtelierClient = Client<paths>;

export interface AtelierClientOptions {
  /** Origin of the API, e.g. `http://127.0.0.1:3000`; `''` in a browser on the same origin. */
  baseUrl: string;
  /** A fetch to use instead of the global one (tests, instrumentation, Next's request cache). */
  fetch?: (request: Request) => Promise<Response>;
  /** Sent with every request, e.g. `{ authorization: 'Bearer ...' }` or a forwarded cookie. */
  headers?: Record<string, string>;
}

/** A typed client for every documented API route: `client.GET('/api/v1/studios/{studio}', ...)`. */
export function createAtelierClient(options: AtelierClientOptions): AtelierClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { accept: 'application/json, application/problem+json', ...options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** Codes this client adds for failures that never produced a problem+json answer. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';

/** An API call that failed: the problem+json fields, or `status` 0 when no answer arrived at all. */
export class AtelierApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;
  /** Seconds to wait before trying again, from a 429's (or 503's) Retry-After header. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    fields?: FieldError[];
    requestId?: string;
    retryAfter?: number;
    cause?: unknown;
  }) {
    super(init.detail, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AtelierApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }

  /** True when the API could not be reached (down, refused, timed out), as opposed to answering with an error. */
  get unreachable(): boolean {
    return this.status === 0;
  }

  static fromResponse(response: Response, body: unknown): AtelierApiError {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    const retry = retryAfter === undefined ? {} : { retryAfter };
    if (isProblem(body)) {
      return new AtelierApiError({
        status: response.status,
        code: body.code,
        detail: body.detail || body.title,
        ...(body.errors ? { fields: body.errors } : {}),
        ...(body.requestId ? { requestId: body.requestId } : {}),
        ...retry,
      });
    }
    return new AtelierApiError({
      status: response.status,
      code: 'unexpected_response',
      detail: `The API answered ${response.status} ${response.statusText}`.trim(),
      ...retry,
    });
  }
}

export function isAtelierApiError(error: unknown): error is AtelierApiError {
  return error instanceof AtelierApiError;
}

/** Retry-After as seconds: either a number of seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number';
}

interface ApiResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The success body of an openapi-fetch result (its error branch has no `data`). */
export type ResultData<R> = R extends { data: infer D } ? D : never;

/**
 * Awaits an openapi-fetch call and returns its data, or throws an AtelierApiError built from the
 * problem+json body (or with status 0 when the request never reached the API).
 */
export async function unwrap<R extends ApiResult>(pending: Promise<R>): Promise<ResultData<R>> {
  let result: R;
  try {
    result = await pending;
  } catch (cause) {
    throw new AtelierApiError({
      status: 0,
      code: 'network_error',
      detail: cause instanceof Error ? cause.message : 'The API could not be reached',
      cause,
    });
  }
  if (!result.response.ok) throw AtelierApiError.fromResponse(result.response, result.error);
  return result.data as ResultData<R>;
}

export * from './auth.js';
export * from './raw.js';

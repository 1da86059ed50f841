import { AtelierApiError } from './index.js';

export interface RawRequestOptions {
  /** Origin of the API; `''` in a browser on the same origin. */
  baseUrl: string;
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
}

/**
 * A JSON request to any API path, for routes this build's generated types do not know yet (and for
 * /api/auth/*, which the OpenAPI document leaves out). Returns the parsed body (null when empty) or
 * throws AtelierApiError exactly like `unwrap`.
 */
export async function rawRequest<T>(
  options: RawRequestOptions,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const doFetch = options.fetch ?? ((request: Request) => fetch(request));
  let response: Response;
  try {
    response = await doFetch(
      new Request(`${options.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json, application/problem+json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  } catch (cause) {
    throw new AtelierApiError({
      status: 0,
      code: 'network_error',
      detail: cause instanceof Error ? cause.message : 'The API could not be reached',
      cause,
    });
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) throw AtelierApiError.fromResponse(response, parsed);
  return parsed as T;
}

import { createAtelierClient, createAuthClient, type RawRequestOptions, rawRequest } from '@atelier/sdk';

// In the browser the API is on the page's own origin (docs/decisions/001-one-origin.md), so every call
// is a same-origin fetch: the session cookie goes along and the API's Origin check passes.
export const auth = createAuthClient({ baseUrl: '' });
export const browserApi = createAtelierClient({ baseUrl: '' });

const raw: RawRequestOptions = { baseUrl: '' };

/** Calls a route newer than this build's generated types (e.g. the team and account endpoints). */
export function callApi<T = unknown>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  return rawRequest<T>(raw, method, path, body);
}

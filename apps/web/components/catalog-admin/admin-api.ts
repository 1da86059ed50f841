import { AtelierApiError } from '@atelier/sdk';
import { callApi } from '@/lib/browser-api';
import { catalogAdminPath } from './paths';

/** A JSON call to the studio's admin catalog routes from the browser (same origin, session cookie). */
export function catalogCall<T = unknown>(
  studio: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  rest: string,
  body?: unknown,
): Promise<T> {
  return callApi<T>(method, catalogAdminPath(studio, rest), body);
}

/**
 * A non-JSON body (a CSV file, an image) to an admin route: same error contract as `callApi`, so a
 * problem+json answer becomes an AtelierApiError naming its fields.
 */
export async function sendBody<T>(
  studio: string,
  method: 'POST' | 'PUT',
  rest: string,
  body: Blob | string,
  headers: Record<string, string>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(catalogAdminPath(studio, rest), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        ...headers,
      },
      body,
    });
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
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) throw AtelierApiError.fromResponse(response, parsed);
  return parsed as T;
}

import { rawRequest } from '@atelier/sdk';
import { studioApi } from './paths';

/**
 * A JSON call to the studio's API from the browser (same origin, session cookie). `idempotencyKey`
 * goes as the Idempotency-Key header: refunds, mark-paid and turning a slip down send one per attempt,
 * so a double click or a retry after a dropped answer acts once.
 */
export function studioCall<T = unknown>(
  studio: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  rest: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<T> {
  return rawRequest<T>(
    { baseUrl: '', headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} },
    method,
    studioApi(studio, rest),
    body,
  );
}

/** A fresh key for one user action (kept across retries of that action by the caller). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

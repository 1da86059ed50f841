import 'server-only';
import { getAsSession } from '@/lib/session';

const KNOWN = { discord: 'Discord', google: 'Google' } as const;

/**
 * The OAuth providers the API says are configured (`GET /api/v1/auth/providers`), limited to the ones
 * the sign-in page has buttons for. Empty when the API cannot answer or lists none.
 */
export async function oauthProviders(): Promise<{ id: keyof typeof KNOWN; name: string }[]> {
  const answer = await getAsSession<{ oauth?: { id: string; name: string }[] }>('/api/v1/auth/providers');
  if (!answer.ok) return [];
  return (answer.value.oauth ?? [])
    .map((provider) => provider.id)
    .filter((id): id is keyof typeof KNOWN => id in KNOWN)
    .map((id) => ({ id, name: KNOWN[id] }));
}

import 'server-only';
import { headers } from 'next/headers';
import { PATHNAME_HEADER } from '../i18n/locales';
import { authLinksFor } from './auth-links';
import { returnPathOf, SEARCH_HEADER, safeReturnPath } from './return-path';

/** The page being rendered, its path and query as proxy.ts forwards them, safe to send someone back to. */
export async function currentPagePath(): Promise<string> {
  const forwarded = await headers();
  return safeReturnPath(returnPathOf(forwarded.get(PATHNAME_HEADER), forwarded.get(SEARCH_HEADER)));
}

/** The sign-in and sign-up links for the page being rendered (lib/auth-links.ts). */
export async function authLinksHere(): Promise<{ signIn: string; signUp: string }> {
  return authLinksFor(await currentPagePath());
}

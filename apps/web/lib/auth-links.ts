import { PLATFORM_SEGMENTS } from '../i18n/locales';

/**
 * The header's "Sign in" and "Sign up" links on a page (`here`: its path and query, already made safe
 * by safeReturnPath). They bring the person back to that page afterwards, so signing in from a studio's
 * product page or portal lands there, not on the platform's account page; and the studio's language
 * carries over to the sign-in page (i18n/locales.ts studioSlugOfPage reads `next`). From the platform's
 * own pages (sign-in itself, the home page...) they are plain.
 */
export function authLinksFor(here: string): { signIn: string; signUp: string } {
  const first = here.split(/[/?#]/)[1] ?? '';
  if (first === '' || PLATFORM_SEGMENTS.has(first)) return { signIn: '/sign-in', signUp: '/sign-up' };
  const next = `?next=${encodeURIComponent(withoutSecrets(here))}`;
  return { signIn: `/sign-in${next}`, signUp: `/sign-up${next}` };
}

/**
 * Query parameters that are someone's key, not a place: a guest's order token, and what Stripe appends to
 * the page it returns to (the PaymentIntent's client secret). A `next` travels into the sign-in page's
 * address and into the verification email, so these are left out of it; signed in, the person needs
 * neither to see their own order again.
 */
const SECRET_PARAMS = /^(token|payment_intent.*|setup_intent.*|redirect_status)$/;

function withoutSecrets(here: string): string {
  const url = new URL(here, 'http://here.invalid');
  for (const name of [...url.searchParams.keys()])
    if (SECRET_PARAMS.test(name)) url.searchParams.delete(name);
  return `${url.pathname}${url.search}`;
}

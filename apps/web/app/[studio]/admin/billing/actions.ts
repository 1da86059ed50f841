'use server';

import { AtelierApiError, createAtelierClient, unwrap } from '@atelier/sdk';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { portalFailureQuery } from '@/components/billing/portal-failure';
import { adminPage } from '@/components/orders-admin/paths';
import { failed } from '@/lib/outcome';
import { serverApiOptions } from '@/lib/server-api';

// The studio slug shape the API accepts; anything else never reaches it.
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * "Manage payment method": asks the API for a Stripe customer portal session for this studio and sends
 * the owner there (Stripe brings them back to the billing page; the API chooses that address, not us).
 * A failure comes back to the billing page as `?portal=<status>&code=<code>&ref=<request id>`, which the
 * page shows with its problem component; an API 429 goes to the 429 page like every other call.
 *
 * A write from the server: the API refuses a cookie-authenticated write whose Origin is not its own
 * (CSRF), so the browser's Origin, which Next has already checked against this host for the action, is
 * passed on as it came. A request without one is refused by the API and shown like any other failure.
 */
export async function openBillingPortal(studio: string): Promise<never> {
  if (!SLUG.test(studio)) redirect('/');
  const options = await serverApiOptions({ asVisitor: true });
  const origin = (await headers()).get('origin');
  const api = createAtelierClient({
    ...options,
    headers: { ...options.headers, ...(origin ? { origin } : {}) },
  });
  let url: string;
  try {
    ({ url } = await unwrap(
      api.POST('/api/v1/studios/{studio}/billing/portal', { params: { path: { studio } } }),
    ));
  } catch (error) {
    if (!(error instanceof AtelierApiError)) throw error;
    await failed(error); // redirects on 429, else hands the error back
    const failure = { status: error.status, code: error.code, requestId: error.requestId };
    redirect(`${adminPage(studio, '/billing')}?${portalFailureQuery(failure)}`);
  }
  // Only a web address leaves for the browser (the API answers Stripe's https page).
  if (!/^https?:\/\//.test(url)) {
    const failure = { status: 502, code: 'unexpected_response', requestId: undefined };
    redirect(`${adminPage(studio, '/billing')}?${portalFailureQuery(failure)}`);
  }
  redirect(url);
}

/** What the billing page's URL says about a "Manage payment method" attempt that failed. */
export interface PortalFailure {
  status: number;
  code: string;
  requestId: string | undefined;
}

const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/**
 * The query string the billing page's server action sends the owner back with when the API refused or
 * could not be reached (status 0): `portal=<status>&code=<code>&ref=<request id>`.
 */
export function portalFailureQuery(failure: PortalFailure): string {
  const query = new URLSearchParams({ portal: String(failure.status), code: failure.code });
  if (failure.requestId) query.set('ref', failure.requestId);
  return query.toString();
}

/**
 * Reads what `portalFailureQuery` wrote. Anything malformed is ignored rather than shown: the
 * address bar is not a place to put words on the page.
 */
export function portalFailureOf(query: {
  portal?: string | string[] | undefined;
  code?: string | string[] | undefined;
  ref?: string | string[] | undefined;
}): PortalFailure | null {
  const status = one(query.portal);
  const code = one(query.code);
  const ref = one(query.ref);
  if (!status || !/^(0|[45]\d\d)$/.test(status) || !code || !/^[a-z_]{1,40}$/.test(code)) return null;
  return {
    status: Number(status),
    code,
    requestId: ref && /^[A-Za-z0-9._:-]{1,100}$/.test(ref) ? ref : undefined,
  };
}

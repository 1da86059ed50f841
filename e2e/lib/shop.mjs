// Helpers for the checkout journeys: the API as a given person (cookies: lib/session.mjs), money as
// the pages format it.
import { CheckFailure, expect } from './page.mjs';

/**
 * Formats minor units exactly like apps/web/lib/money.ts (the currency's minor units always shown:
 * 0 -> "$0.00", 4900 -> "$49.00"), so page text can be compared to the API.
 */
export function money(amountMinor, currency, locale) {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
  });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits + 0);
}

/** Half-up division of non-negative integers, the API's rounding for tax and discounts. */
export const divideHalfUp = (numerator, denominator) =>
  Math.floor((2 * numerator + denominator) / (2 * denominator));

/** A JSON call with the cookies of a Playwright context (or a cookie header), as that person. */
export async function apiAs(ctx, cookie, method, pathname, body, headers = {}) {
  const response = await fetch(new URL(pathname, ctx.baseUrl), {
    method,
    headers: {
      accept: 'application/json',
      origin: ctx.baseUrl,
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok)
    throw new CheckFailure(`${method} ${pathname} answered ${response.status}: ${text.slice(0, 400)}`);
  return json;
}

/**
 * A guest client of the API: JSON with the cart cookie carried between calls, and the Origin header
 * the API requires of cookie-bearing writes.
 */
export function guestClient(baseUrl) {
  const cookies = new Map();
  return async function call(method, path, body, headers = {}, attempt = 0) {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: {
        accept: 'application/json',
        origin: baseUrl,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await response.text();
    // A busy machine (the API's load shedding) answers 503: wait and ask again, as a client would.
    if (response.status === 503 && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 1_000 * (attempt + 1)));
      return call(method, path, body, headers, attempt + 1);
    }
    if (!response.ok) throw new CheckFailure(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** The cookie header a browser context would send to the API. */
export async function cookieOf(context, baseUrl) {
  const cookies = await context.cookies(baseUrl);
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The trimmed text of `[data-testid=id]`, waiting for it. */
export async function testIdText(page, id, timeout = 15_000) {
  const locator = page.getByTestId(id).first();
  await locator.waitFor({ state: 'visible', timeout });
  return (await locator.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

/** Expects `[data-testid=id]` to read `want` (amounts compared as formatted strings). */
export async function expectTestId(page, id, want, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let got = '';
  while (Date.now() < deadline) {
    got = await testIdText(page, id, timeout).catch(() => '');
    if (got === want) return;
    await page.waitForTimeout(250);
  }
  throw new CheckFailure(`[data-testid=${id}] on ${page.url()} reads "${got}", expected "${want}"`);
}

/** Polls `read` until it returns something truthy (money moves through the outbox, a moment later). */
export async function until(read, what, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new CheckFailure(`gave up waiting for ${what}`);
}

/** Adds the item's default variant to the cart from its product page and waits for the header count. */
export async function addToCart(page, baseUrl, studio, slug) {
  await page.goto(new URL(`/${studio}/p/${slug}`, baseUrl).href);
  await page.waitForLoadState('networkidle');
  const answered = page.waitForResponse(
    (response) =>
      response.url().endsWith(`/api/v1/studios/${studio}/cart/lines`) &&
      response.request().method() === 'POST',
  );
  await page.locator(`form[action$="/cart/lines"] button[type=submit]`).click();
  const response = await answered;
  expect(response.ok(), `adding ${slug} to the cart answered ${response.status()}`);
  return response.json();
}

/** Empties the person's cart through the API (journeys start from a known cart). */
export async function emptyCart(ctx, cookie, studio) {
  const cart = await apiAs(ctx, cookie, 'GET', `/api/v1/studios/${studio}/cart`);
  for (const line of cart.lines)
    await apiAs(ctx, cookie, 'DELETE', `/api/v1/studios/${studio}/cart/lines/${line.id}`);
}

/**
 * Presses "Place order" on the checkout and waits for the order's page; returns the order's id and,
 * for a guest, the access token its link carries. An order that is not placed fails with what the form
 * said (its error message and the fields it marked).
 */
export async function placeOrder(page) {
  await page.getByTestId('place-order').click();
  await page
    .waitForURL((url) => /\/orders\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 30_000 })
    .catch(async () => {
      const said = await page.locator('[data-form-message="error"], [aria-invalid=true]').allTextContents();
      throw new CheckFailure(`checkout did not place the order; the form says ${JSON.stringify(said)}`);
    });
  const url = new URL(page.url());
  return { orderId: url.pathname.split('/').at(-1), token: url.searchParams.get('token') };
}

/**
 * Opens a plan's staff card on the admin order page and charges its next instalment now, as staff (the
 * client is not there: an off-session charge). Answers the outcome line the staff card shows.
 */
export async function staffCharge(page, baseUrl, studio, orderId, { expectLabel }) {
  await page.goto(new URL(`/${studio}/admin/orders/${orderId}`, baseUrl).href);
  await page.getByTestId('admin-plan').waitFor();
  const button = page.getByTestId('plan-charge-now');
  await button.waitFor();
  const label = (await button.textContent())?.trim() ?? '';
  expect(label.includes(expectLabel), `the staff button reads "${label}", expected "${expectLabel}"`);
  await button.click();
  await page.getByTestId('plan-charge-confirm').click();
  const result = page.getByTestId('plan-charge-result').locator('[data-form-message]');
  await result.waitFor({ timeout: 20_000 });
  return (await result.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
}

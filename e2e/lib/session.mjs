// Signing people in, for every check that needs someone signed in. One real sign-in per person per app:
// the API counts sign-ins per address (every browser here is 127.0.0.1) and identity.mjs ends by
// tripping that lockout, so journeys reuse a person's session instead of signing in again.
import { createHmac } from 'node:crypto';
import { expect, VIEWPORTS } from './page.mjs';

export const DEMO_PASSWORD = 'atelier-demo-password';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret, as an authenticator app computes it. */
export function totp(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0xf;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Fills and submits the sign-in form on the current page (identity.mjs and team.mjs test the form itself). */
export async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Enters a code from the authenticator on the current form and waits for `success`. A code works once:
 * if this 30 s window's code was already used (by an earlier sign-in), waits for the next window.
 */
export async function enterCode(page, { label, submit, secret, success }) {
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.getByLabel(label, { exact: true }).fill(totp(secret));
    await page.getByRole('button', { name: submit }).click();
    try {
      await success();
      return;
    } catch (error) {
      if (attempt === 1) throw error;
      await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
    }
  }
}

/**
 * Signs `email` in through the real pages on `page`: the sign-in form, then the two-step code when the
 * account has one (`totpSecret`), ending on `/account`.
 */
export async function signInThroughPages(
  page,
  baseUrl,
  email,
  { password = DEMO_PASSWORD, totpSecret } = {},
) {
  await page.goto(new URL('/sign-in?next=/account', baseUrl).href);
  await signIn(page, email, password);
  if (totpSecret) {
    await page.waitForURL('**/two-factor**');
    await enterCode(page, {
      label: 'Authentication code',
      submit: 'Verify',
      secret: totpSecret,
      success: () => page.waitForURL('**/account', { timeout: 5_000 }),
    });
  } else {
    await page.waitForURL((url) => url.pathname === '/account');
  }
}

// Storage states by app and person, for the whole run (the sessions outlive it).
const states = new Map();

/**
 * The browser storage state of `email` signed in (password `atelier-demo-password` unless given), for
 * new contexts (`newContext({ storageState })`, `inspectPage(ctx, { storageState })`). The first call
 * per person signs in through the real pages; later calls reuse that session. Nothing here signs a
 * demo person out; a check that does must sign in its own person.
 */
export function signedInState(ctx, email, { password = DEMO_PASSWORD, totpSecret } = {}) {
  const key = `${ctx.baseUrl} ${email}`;
  if (!states.has(key)) {
    const pending = (async () => {
      const context = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop });
      try {
        await signInThroughPages(await context.newPage(), ctx.baseUrl, email, { password, totpSecret });
        return await context.storageState();
      } finally {
        await context.close();
      }
    })();
    // A failed sign-in is not remembered: the next check gets its own error, not this one.
    pending.catch(() => states.delete(key));
    states.set(key, pending);
  }
  return states.get(key);
}

/**
 * A fresh browser context and page as `email` (signed in once per run, see `signedInState`), with page
 * errors collected in `problems`. The caller closes `context` (try/finally).
 */
export async function signedInPage(ctx, email, { viewport = VIEWPORTS.desktop, ...signInOptions } = {}) {
  const storageState = await signedInState(ctx, email, signInOptions);
  const context = await ctx.browser.newContext({ viewport, storageState });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

/**
 * The cookie header of `email`'s session, for calling the API as them without a browser. Same session
 * as the pages' (one sign-in per person per run).
 */
export async function sessionCookie(ctx, email, signInOptions = {}) {
  const { cookies } = await signedInState(ctx, email, signInOptions);
  const host = new URL(ctx.baseUrl).hostname;
  const sent = cookies.filter((cookie) => cookie.domain.replace(/^\./, '') === host && cookie.path === '/');
  expect(sent.length > 0, `no session cookie for ${email} on ${host}`);
  return sent.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

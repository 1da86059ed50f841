// The identity module's entry for OTHER modules' tests (the boundary lint allows it from test code only,
// so nothing the app runs loads it).
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getMail, listMail } from '../../platform/mailer/index.js';
import type { TestApp } from '../../testing.js';
import { users } from './identity.tables.js';

/** Test helpers for people: a cookie jar over inject, verified sign-ups, platform admins, TOTP codes. */

export const TEST_PASSWORD = 'correct horse battery';

/** Keeps name=value pairs from Set-Cookie headers, like a browser would. */
export class Jar {
  private cookies = new Map<string, string>();
  take(setCookie: string | string[] | undefined) {
    for (const line of [setCookie ?? []].flat()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      if (value.join('=') === '' || /max-age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    return this;
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Follows the link in the newest mail kept for `to` (a verification link), sending `jar`'s cookies and
 * taking the cookies the answer sets into it.
 */
async function followMailedLink(t: TestApp, to: string, jar: Jar): Promise<Jar> {
  const page = await listMail(t.database, { limit: 100 });
  const summary = page.items.find((mail) => mail.toAddress === to);
  if (!summary) throw new Error(`no mail to ${to}`);
  const link = new URL(/https?:\/\/\S+/.exec((await getMail(t.database, summary.id)).text)?.[0] ?? '');
  const followed = await t.app.inject({
    method: 'GET',
    url: `${link.pathname}${link.search}`,
    headers: jar.header() ? { cookie: jar.header() } : {},
  });
  return jar.take(followed.headers['set-cookie']);
}

/** Signs a person up and follows the emailed verification link: a signed-in, verified person. */
export async function signUpVerified(t: TestApp, email: string, name = 'Test Person') {
  await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    headers: { origin: t.config.publicUrl },
    payload: { name, email, password: TEST_PASSWORD },
  });
  const jar = await followMailedLink(t, email, new Jar());
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: jar.header() } });
  return { jar, userId: me.json().id as string, email };
}

/**
 * Changes a verified person's email the way the account page does: asks for the change, then follows
 * the link mailed to the new address (signed in as them). Their address is then `newEmail`, proved.
 */
export async function changeEmailVerified(t: TestApp, jar: Jar, newEmail: string): Promise<void> {
  const asked = await t.app.inject({
    method: 'POST',
    url: '/api/auth/change-email',
    headers: { origin: t.config.publicUrl, cookie: jar.header() },
    payload: { newEmail },
  });
  if (asked.statusCode !== 200) throw new Error(`change-email answered ${asked.statusCode}: ${asked.body}`);
  await followMailedLink(t, newEmail, jar);
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: jar.header() } });
  if (me.json().email !== newEmail) throw new Error(`the address is still ${me.json().email}`);
}

export async function makePlatformAdmin(t: TestApp, userId: string): Promise<void> {
  await t.database.db.update(users).set({ role: 'admin' }).where(eq(users.id, userId));
}

/** As after signing in with a provider whose email is not verified: a session, an unproved address. */
export async function markEmailUnverified(t: TestApp, userId: string): Promise<void> {
  await t.database.db.update(users).set({ emailVerified: false }).where(eq(users.id, userId));
}

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => Number.parseInt(byte, 2)));
}

/** RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s) for the secret in an otpauth:// URI. */
export function totpCode(otpauthUri: string, at = Date.now()): string {
  const secret = new URL(otpauthUri).searchParams.get('secret') ?? '';
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = (hmac.at(-1) ?? 0) & 0xf;
  const value = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../platform/context.js';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { createStudiosService } from './index.js';

const { Jar, signUpVerified, TEST_PASSWORD } = identityTesting;
type Jar = InstanceType<typeof Jar>;

describe('studios: guest history follows a person once they prove their address', () => {
  let t: TestApp;
  let owner: { jar: Jar; userId: string };
  let studioId: string;

  /** A guest checkout's client row, as the checkout will make it (no public route yet). */
  const guestClient = async (email: string) => {
    const studios = createStudiosService({ database: t.database, cache: t.cache });
    await t.database.withStudio(studioId, (tx) =>
      studios.upsertClient({ studioId, actor: ANONYMOUS, tx }, { email, name: 'Guest' }),
    );
  };
  const clientsByEmail = async () => {
    const res = await requestAs(t, owner)('GET', '/api/v1/studios/shop/clients?limit=100');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { email: string; userId: string | null }[];
    return new Map(items.map((client) => [client.email.toLowerCase(), client.userId]));
  };

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await signUpVerified(t, 'shop-owner@example.com');
    studioId = (await openStudio(t, owner, { slug: 'shop', name: 'Shop' })).id;
  });
  afterAll(async () => t.close());

  it('links a guest client row when the person follows the verification link, not before', async () => {
    await guestClient('Guest.One@Example.com');
    const signUp = await requestAs(t, null)('POST', '/api/auth/sign-up/email', {
      name: 'Pending',
      email: 'pending@example.com',
      password: TEST_PASSWORD,
    });
    expect(signUp.statusCode).toBe(200);
    await guestClient('pending@example.com');
    expect((await clientsByEmail()).get('pending@example.com')).toBeNull();

    const person = await signUpVerified(t, 'guest.one@example.com');
    expect((await clientsByEmail()).get('guest.one@example.com')).toBe(person.userId);
  });

  it('links rows a guest checkout made after verification at the next sign-in', async () => {
    const person = await signUpVerified(t, 'returning@example.com');
    await guestClient('returning@example.com');
    expect((await clientsByEmail()).get('returning@example.com')).toBeNull();
    const signIn = await requestAs(t, null)('POST', '/api/auth/sign-in/email', {
      email: 'returning@example.com',
      password: TEST_PASSWORD,
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect((await clientsByEmail()).get('returning@example.com')).toBe(person.userId);
  });
});

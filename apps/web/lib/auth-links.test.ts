import { describe, expect, it } from 'vitest';
import { authLinksFor } from './auth-links';

describe('the header sign-in and sign-up links', () => {
  it('come back to the studio page they were followed from, query included', () => {
    expect(authLinksFor('/qr-studios/p/ui-kit?variant=2')).toEqual({
      signIn: `/sign-in?next=${encodeURIComponent('/qr-studios/p/ui-kit?variant=2')}`,
      signUp: `/sign-up?next=${encodeURIComponent('/qr-studios/p/ui-kit?variant=2')}`,
    });
    expect(authLinksFor('/volt-supply').signIn).toBe('/sign-in?next=%2Fvolt-supply');
  });

  it("leave out a guest's order token and what Stripe appends: keys, not places", () => {
    const links = authLinksFor(
      '/electric-muse/orders/o1?token=secret&payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_x&redirect_status=succeeded&tab=items',
    );
    expect(links.signIn).toBe(`/sign-in?next=${encodeURIComponent('/electric-muse/orders/o1?tab=items')}`);
    expect(authLinksFor('/electric-muse/orders/o1?token=secret').signUp).toBe(
      `/sign-up?next=${encodeURIComponent('/electric-muse/orders/o1')}`,
    );
  });

  it("are plain on the platform's own pages", () => {
    for (const here of [
      '/',
      '/sign-in?next=%2Fx',
      '/sign-up',
      '/account',
      '/studios/new',
      '/too-many-requests',
    ])
      expect(authLinksFor(here)).toEqual({ signIn: '/sign-in', signUp: '/sign-up' });
  });
});

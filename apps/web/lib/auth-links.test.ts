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

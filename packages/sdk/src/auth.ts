// The sign-up, sign-in, verification, reset and two-factor endpoints under /api/auth/* are better-auth's,
// served by the API but not in its OpenAPI document; this client types the ones Atelier uses and fails
// with the same AtelierApiError (problem+json) as the documented routes.
import { AtelierApiError } from './index.js';
import { type RawRequestOptions, rawRequest } from './raw.js';

export interface AuthClientOptions {
  /** Origin of the API, e.g. `http://127.0.0.1:3000`; `''` in a browser on the same origin. */
  baseUrl: string;
  /** A fetch to use instead of the global one. */
  fetch?: (request: Request) => Promise<Response>;
  /** Sent with every request, e.g. a forwarded cookie on a server. */
  headers?: Record<string, string>;
}

/** The user better-auth answers with after sign-up or sign-in (the full profile is `GET /api/v1/me`). */
export interface AuthUser {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image?: string | null;
  twoFactorEnabled?: boolean | null;
}

export interface SignUpInput {
  name: string;
  email: string;
  /** 10 to 128 characters. */
  password: string;
  phone?: string;
  marketingConsent?: boolean;
  /** Where the verification link lands once the address is confirmed (a path on our origin). */
  callbackURL?: string;
}

export interface SignInInput {
  email: string;
  password: string;
  callbackURL?: string;
  rememberMe?: boolean;
}

/** A password sign-in either signs in, or asks for the second factor on `/two-factor`. */
export type SignInResult = { status: 'signed-in'; user: AuthUser } | { status: 'two-factor-required' };

export interface TwoFactorSetup {
  /** `otpauth://totp/...`: what an authenticator app scans or reads. */
  totpURI: string;
  /** Single-use recovery codes, shown once. */
  backupCodes: string[];
}

export interface AuthClient {
  signUp(input: SignUpInput): Promise<{ user: AuthUser | null }>;
  signIn(input: SignInInput): Promise<SignInResult>;
  signOut(): Promise<void>;
  /**
   * Starts a sign-in with an OAuth provider listed by `GET /api/v1/auth/providers` (e.g. `discord`);
   * send the browser to the returned `url`.
   */
  signInOAuth2(input: { providerId: string; callbackURL?: string }): Promise<{ url: string }>;
  /** Sends the verification link again (answers the same whether or not the address has an account). */
  sendVerificationEmail(input: { email: string; callbackURL?: string }): Promise<void>;
  /** Mails a reset link; the link passes through the API and lands on `redirectTo?token=...`. */
  requestPasswordReset(input: { email: string; redirectTo: string }): Promise<void>;
  resetPassword(input: { newPassword: string; token: string }): Promise<void>;
  changePassword(input: {
    currentPassword: string;
    newPassword: string;
    revokeOtherSessions?: boolean;
  }): Promise<void>;
  /** Signs out every session of the signed-in person, this one included. */
  revokeSessions(): Promise<void>;
  twoFactor: {
    /** Starts enrolment; two-factor is on once a code from the app is verified with `verifyTotp`. */
    enable(input: { password: string }): Promise<TwoFactorSetup>;
    verifyTotp(input: { code: string; trustDevice?: boolean }): Promise<void>;
    verifyBackupCode(input: { code: string; trustDevice?: boolean }): Promise<void>;
    disable(input: { password: string }): Promise<void>;
  };
}

export const AUTH_PATH = '/api/auth';

/** A client for the `/api/auth/*` endpoints: `createAuthClient({ baseUrl: '' }).signIn({ email, password })`. */
export function createAuthClient(options: AuthClientOptions): AuthClient {
  const raw: RawRequestOptions = {
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  };
  const post = <T = unknown>(path: string, body: object = {}) =>
    rawRequest<T>(raw, 'POST', `${AUTH_PATH}${path}`, body);

  return {
    async signUp(input) {
      const body = await post<{ user?: AuthUser | null }>('/sign-up/email', input);
      return { user: body?.user ?? null };
    },
    async signIn(input) {
      const body = await post<{ user?: AuthUser; twoFactorRedirect?: boolean }>('/sign-in/email', input);
      if (body?.twoFactorRedirect) return { status: 'two-factor-required' };
      if (!body?.user) {
        throw new AtelierApiError({
          status: 200,
          code: 'unexpected_response',
          detail: 'Sign-in answered without a user',
        });
      }
      return { status: 'signed-in', user: body.user };
    },
    async signInOAuth2(input) {
      const body = await post<{ url?: string }>('/sign-in/oauth2', input);
      if (!body?.url) {
        throw new AtelierApiError({
          status: 200,
          code: 'unexpected_response',
          detail: 'OAuth sign-in answered without a URL',
        });
      }
      return { url: body.url };
    },
    async signOut() {
      await post('/sign-out');
    },
    async sendVerificationEmail(input) {
      await post('/send-verification-email', input);
    },
    async requestPasswordReset(input) {
      await post('/request-password-reset', input);
    },
    async resetPassword(input) {
      await post('/reset-password', input);
    },
    async changePassword(input) {
      await post('/change-password', input);
    },
    async revokeSessions() {
      await post('/revoke-sessions');
    },
    twoFactor: {
      async enable(input) {
        return post<TwoFactorSetup>('/two-factor/enable', input);
      },
      async verifyTotp(input) {
        await post('/two-factor/verify-totp', input);
      },
      async verifyBackupCode(input) {
        await post('/two-factor/verify-backup-code', input);
      },
      async disable(input) {
        await post('/two-factor/disable', input);
      },
    },
  };
}

/** The secret and labels inside an `otpauth://totp/Issuer:account?secret=...` URI, for manual entry. */
export function parseTotpUri(uri: string): { secret: string; issuer?: string; account?: string } | null {
  try {
    const url = new URL(uri);
    if (url.protocol !== 'otpauth:') return null;
    const secret = url.searchParams.get('secret');
    if (!secret) return null;
    const label = decodeURIComponent(url.pathname.replace(/^\/+/, '').replace(/^totp\//, ''));
    const [issuerPart, account] = label.includes(':') ? label.split(':', 2) : [undefined, label];
    const issuer = url.searchParams.get('issuer') ?? issuerPart;
    return { secret, ...(issuer ? { issuer } : {}), ...(account ? { account } : {}) };
  } catch {
    return null;
  }
}

import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin, twoFactor } from 'better-auth/plugins';
import { type GenericOAuthConfig, genericOAuth } from 'better-auth/plugins/generic-oauth';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { uuidv7 } from 'uuidv7';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/index.js';
import { type Mailer, renderMail } from '../../platform/mailer/index.js';
import { resetPassword, verifyEmail } from './identity.mail.js';
import { accounts, sessions, twoFactors, users, verifications } from './identity.tables.js';
import { hashPassword, verifyPassword } from './password.js';

export const AUTH_BASE_PATH = '/api/auth';
export const SESSION_COOKIE_PREFIX = 'atelier';

/** The OAuth providers this deployment offers, in the order their buttons appear. */
export function oauthProviders(config: Config): GenericOAuthConfig[] {
  const { discord, google } = config.oauth;
  const providers: GenericOAuthConfig[] = [];
  if (discord) {
    providers.push({
      providerId: 'discord',
      name: 'Discord',
      clientId: discord.clientId,
      clientSecret: discord.clientSecret,
      authorizationUrl: discord.authorizationUrl,
      tokenUrl: discord.tokenUrl,
      userInfoUrl: discord.userInfoUrl,
      scopes: ['identify', 'email'],
      // Discord says `verified`, not `email_verified`, and names people `global_name` or `username`.
      mapProfileToUser: (profile) => ({
        emailVerified: profile.verified === true,
        name: String(profile.global_name ?? profile.username ?? profile.email ?? 'Discord user'),
        image:
          typeof profile.avatar === 'string' && profile.id
            ? `https://cdn.discordapp.com/avatars/${profile.id}/${profile.avatar}.png`
            : undefined,
      }),
    });
  }
  if (google) {
    providers.push({
      providerId: 'google',
      name: 'Google',
      clientId: google.clientId,
      clientSecret: google.clientSecret,
      discoveryUrl: google.discoveryUrl,
      scopes: ['openid', 'email', 'profile'],
    });
  }
  return providers;
}

export interface AuthDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  logger: Logger;
  /**
   * Called once a person's address is proven: on verification (sign-up link, email change), on an
   * OAuth sign-up the provider vouches for, and on every sign-in of a verified person (a guest may have
   * checked out with their address since). The app links studio client rows to the person here.
   * Best effort: a failure is logged and never fails the sign-in.
   */
  onVerifiedEmail?: (userId: string, email: string) => Promise<unknown>;
}

/**
 * better-auth, configured for Atelier: email + password (scrypt) with verification and reset links sent
 * through the mailer, TOTP two-factor with recovery codes, platform admin (ban, list), OAuth sign-in
 * (Discord, Google; see `oauthProviders`) linked to existing people by verified email, sessions in
 * httpOnly SameSite=Lax cookies (Secure in production). Its own rate limiter is off: login protection
 * and the global limit are ours (shared through Redis when configured).
 */
export function createAuth({ config, database, mailer, logger, onVerifiedEmail }: AuthDeps) {
  const verified = async (user: { id: string; email: string; emailVerified: boolean }) => {
    if (!onVerifiedEmail || !user.emailVerified) return;
    try {
      await onVerifiedEmail(user.id, user.email);
    } catch (error) {
      logger.error({ err: error, userId: user.id }, 'could not link client records to a verified person');
    }
  };

  const send = async (template: typeof verifyEmail, to: string, name: string, url: string) => {
    try {
      await mailer.send({ to, ...renderMail(template, { locale: 'en', name, url }) });
      // Without SMTP the mail is only kept in the database; on a laptop, print the link so the person
      // can follow it (the platform admin's mail view shows it too).
      if (mailer.transport === 'kept' && config.nodeEnv === 'development') {
        logger.info({ to, link: url }, `${template.name}: no SMTP configured, open this link to continue`);
      }
    } catch (error) {
      // The person can ask for the link again; a mail outage must not fail the sign-up itself.
      logger.error({ err: error, template: template.name }, 'could not send an identity email');
    }
  };

  return betterAuth({
    appName: 'Atelier',
    baseURL: config.publicUrl,
    basePath: AUTH_BASE_PATH,
    secret: config.appSecret,
    trustedOrigins: [config.publicUrl],
    database: drizzleAdapter(database.db, {
      provider: 'pg',
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        twoFactor: twoFactors,
      },
    }),
    advanced: {
      database: { generateId: () => uuidv7() },
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: config.nodeEnv === 'production',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      ipAddress: { ipAddressHeaders: config.trustProxy ? ['x-forwarded-for'] : ['x-atelier-client-ip'] },
    },
    rateLimit: { enabled: false },
    logger: { disabled: config.nodeEnv === 'test' },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      password: { hash: hashPassword, verify: verifyPassword },
      sendResetPassword: async ({ user, url }) => send(resetPassword, user.email, user.name, url),
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      expiresIn: 24 * 60 * 60,
      sendVerificationEmail: async ({ user, url }) => send(verifyEmail, user.email, user.name, url),
      afterEmailVerification: async (user) => verified(user),
    },
    // "after" hooks run once better-auth's own transaction (if any) has committed.
    databaseHooks: {
      user: { create: { after: async (user) => verified(user) } },
      session: {
        create: {
          after: async (session) => {
            if (!onVerifiedEmail) return;
            try {
              const [user] = await database.db
                .select({ id: users.id, email: users.email, emailVerified: users.emailVerified })
                .from(users)
                .where(eq(users.id, session.userId));
              if (user) await verified(user);
            } catch (error) {
              logger.error({ err: error, userId: session.userId }, 'could not look up a signed-in person');
            }
          },
        },
      },
    },
    user: {
      additionalFields: {
        phone: { type: 'string', required: false, input: true },
        marketingConsent: { type: 'boolean', required: false, defaultValue: false, input: true },
      },
      changeEmail: { enabled: true },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    // An OAuth sign-in joins an existing person only when the provider vouches for the email AND the
    // person proved it here too; otherwise someone could claim an account by registering its address
    // with a provider that does not verify emails. No provider is trusted blindly.
    account: {
      accountLinking: { enabled: true, trustedProviders: [], requireLocalEmailVerified: true },
    },
    plugins: [
      twoFactor({ issuer: 'Atelier' }),
      admin({ defaultRole: 'user', adminRoles: ['admin'] }),
      genericOAuth({ config: oauthProviders(config) }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

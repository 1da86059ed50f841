import { randomBytes } from 'node:crypto';
import {
  CheckFailure,
  capture,
  expect,
  expectText,
  inspectPage,
  screenshot,
  VIEWPORTS,
} from '../lib/page.mjs';
// The sign-in form is what this journey tests, so it drives the form itself (with the shared steps).
import { enterCode, signIn } from '../lib/session.mjs';

// One person, created by the first journey and used by the ones after it (they run in this order).
const person = {
  name: 'Nina Identity',
  email: `nina.${randomBytes(4).toString('hex')}@example.test`,
  password: 'correct horse battery',
  newPassword: 'another long passphrase',
  secret: null,
};

function requireMail(ctx) {
  if (!ctx.mail) throw new CheckFailure('needs the captured SMTP mail: run without E2E_BASE_URL');
  return ctx.mail;
}

async function newPage(ctx) {
  const context = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

// Last of all the journeys (run.mjs): its final check trips the sign-in lockout for 127.0.0.1.
export const order = 100;

export const checks = [
  {
    name: 'signed-out identity pages render at desktop and phone, accessibly',
    async run(ctx) {
      const pages = [
        ['/sign-up', 'sign-up', 'Create your account'],
        ['/sign-in', 'sign-in', 'Sign in'],
        ['/verify-email', 'verify-email', 'Check your inbox'],
        ['/forgot-password', 'forgot-password', 'Reset your password'],
        ['/reset-password', 'reset-password-invalid', 'This reset link has expired'],
        ['/reset-password?token=example', 'reset-password', 'Choose a new password'],
        ['/two-factor', 'two-factor', 'Two-step verification'],
      ];
      for (const [path, name, text] of pages) {
        await inspectPage(ctx, { path, name, verify: (page) => expectText(page, text) });
      }
      // Members-only pages send signed-out visitors to sign in, and back afterwards.
      const { context, page } = await newPage(ctx);
      try {
        await page.goto(new URL('/account', ctx.baseUrl).href);
        expect(new URL(page.url()).pathname === '/sign-in', `/account signed out went to ${page.url()}`);
        expect(
          new URL(page.url()).searchParams.get('next') === '/account',
          'no ?next=/account on the redirect',
        );
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'sign-up form ties errors to fields and focuses the first one',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        await page.goto(new URL('/sign-up', ctx.baseUrl).href);
        await page.getByRole('button', { name: 'Create account' }).click();
        await expectText(page, 'Enter your name.');
        const focused = await page.evaluate(() => document.activeElement?.id);
        expect(focused === 'name', `focus went to #${focused}, not the first invalid field #name`);
        const described = await page.getAttribute('#password', 'aria-describedby');
        expect(described?.includes('password-error'), `#password aria-describedby is "${described}"`);
        expect((await page.getAttribute('#email', 'aria-invalid')) === 'true', '#email is not aria-invalid');
        await screenshot(page, ctx.screenshotDir, 'sign-up-errors', 'desktop');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'sign up, verify by email, turn on 2FA, sign out, sign in with password + code',
    async run(ctx) {
      const mail = requireMail(ctx);
      const { context, page, problems } = await newPage(ctx);
      try {
        await page.goto(new URL('/sign-up', ctx.baseUrl).href);
        await page.getByLabel('Name', { exact: true }).fill(person.name);
        await page.getByLabel('Email', { exact: true }).fill(person.email);
        await page.getByLabel('Password', { exact: true }).fill(person.password);
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.waitForURL('**/verify-email?sent=1');
        await expectText(page, 'Check your inbox');
        // The resend form remembers the address (from sessionStorage, not the URL).
        await page.waitForFunction(
          (email) => document.querySelector('#email')?.value === email,
          person.email,
        );

        const verification = await mail.waitFor(person.email, (m) => /confirm your email/i.test(m.subject));
        const link = mail.links(verification).find((href) => href.includes('/api/auth/verify-email'));
        expect(link, `no verification link in: ${mail.links(verification).join(' ')}`);
        await page.goto(link);
        await page.waitForURL('**/account?welcome=1');
        await expectText(page, 'Your email is confirmed and you are signed in');
        await expectText(page, person.name);
        await capture(ctx, page, 'account');

        // Two-step verification: password, then the key for the app, then a code from it.
        await page.getByRole('button', { name: 'Turn on' }).click();
        await page.getByLabel('Confirm with your password').fill(person.password);
        await page.getByRole('button', { name: 'Turn on' }).click();
        const secret = (await page.getByTestId('totp-secret').textContent({ timeout: 15_000 }))?.trim();
        expect(secret && /^[A-Z2-7]+=*$/.test(secret), `setup key "${secret}" is not base32`);
        person.secret = secret;
        expect((await page.getByTestId('backup-codes').locator('li').count()) > 0, 'no backup codes shown');
        await capture(ctx, page, 'account-2fa-setup');
        await enterCode(page, {
          label: 'Code from the app',
          submit: 'Confirm and turn on',
          secret,
          success: () => expectText(page, 'Two-step verification is on.', 5_000),
        });
        const me = await page.evaluate(() => fetch('/api/v1/me').then((r) => r.json()));
        expect(me.twoFactorEnabled === true, `GET /api/v1/me says twoFactorEnabled ${me.twoFactorEnabled}`);

        // Sign out from the header menu.
        await page.getByTestId('user-menu').click();
        await page.getByRole('menuitem', { name: 'Sign out' }).click();
        await page.waitForURL('**/sign-in?signedOut=1');
        await expectText(page, 'You are signed out.');

        // Password, then the code.
        await signIn(page, person.email, person.password);
        await page.waitForURL('**/two-factor**');
        await capture(ctx, page, 'two-factor-challenge');
        await enterCode(page, {
          label: 'Authentication code',
          submit: 'Verify',
          secret,
          success: () => page.waitForURL('**/account', { timeout: 5_000 }),
        });
        await expectText(page, 'Your account');
        const name = await page.getByTestId('user-menu').getAttribute('aria-label');
        expect(name?.includes(person.name), `the header menu is "${name}", not the signed-in person's`);

        // Signed in but in no studio: the wizard opens, another studio's admin is not found (as the API says).
        const wizard = await page.goto(new URL('/studios/new', ctx.baseUrl).href);
        expect(wizard?.status() === 200, `/studios/new answered ${wizard?.status()}`);
        await capture(ctx, page, 'studios-new');
        for (const path of ['/qr-studios/admin', '/qr-studios/admin/team', '/qr-studios/admin/settings']) {
          const response = await page.goto(new URL(path, ctx.baseUrl).href);
          expect(
            response?.status() === 404,
            `${path} answered ${response?.status()} to a non-member, not 404`,
          );
          // qr-studios is a Thai studio, so its not-found page is in Thai.
          await expectText(page, 'ไม่พบหน้านี้');
        }
        await capture(ctx, page, 'admin-stranger');
        expect(problems.length === 0, problems.join('\n'));
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'forgot password: the emailed link sets a new password that signs in',
    async run(ctx) {
      const mail = requireMail(ctx);
      const { context, page } = await newPage(ctx);
      try {
        const since = mail.messages.length;
        await page.goto(new URL('/forgot-password', ctx.baseUrl).href);
        await page.getByLabel('Email', { exact: true }).fill(person.email);
        await page.getByRole('button', { name: 'Send reset link' }).click();
        await expectText(page, 'a reset link is on its way');
        const message = await mail.waitFor(person.email, (m) => /reset/i.test(m.subject), { since });
        const link = mail.links(message).find((href) => href.includes('reset-password'));
        expect(link, `no reset link in: ${mail.links(message).join(' ')}`);
        await page.goto(link);
        await page.waitForURL('**/reset-password?token=**');
        await page.getByLabel('New password', { exact: true }).fill(person.newPassword);
        await page.getByLabel('Confirm new password').fill(person.newPassword);
        await page.getByRole('button', { name: 'Save new password' }).click();
        await expectText(page, 'Your password has changed');
        await page.getByRole('link', { name: 'Sign in' }).last().click();
        await page.waitForURL('**/sign-in');
        await signIn(page, person.email, person.newPassword);
        await page.waitForURL('**/two-factor**');
        await enterCode(page, {
          label: 'Authentication code',
          submit: 'Verify',
          secret: person.secret,
          success: () => page.waitForURL('**/account', { timeout: 5_000 }),
        });
        person.password = person.newPassword;
      } finally {
        await context.close();
      }
    },
  },
  {
    // Last on purpose: the API also counts failures per address, and every browser here is 127.0.0.1.
    name: 'six wrong passwords on the sign-in page show the 429 message',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        await page.goto(new URL('/sign-in', ctx.baseUrl).href);
        const email = `nobody.${randomBytes(4).toString('hex')}@example.test`;
        for (let attempt = 1; attempt <= 6; attempt++) {
          const answered = page.waitForResponse((r) => r.url().includes('/api/auth/sign-in/email'));
          await signIn(page, email, `wrong password ${attempt}`);
          const response = await answered;
          if (attempt < 6) {
            expect(
              response.status() === 401,
              `attempt ${attempt} answered ${response.status()}, expected 401`,
            );
            await expectText(page, 'That email and password do not match');
          } else {
            expect(response.status() === 429, `attempt 6 answered ${response.status()}, expected 429`);
            expect(response.headers()['retry-after'], '429 without Retry-After');
          }
        }
        await expectText(page, 'Too many failed sign-ins');
        const focused = await page.evaluate(() => document.activeElement?.getAttribute('role'));
        expect(focused === 'alert', `focus is on role=${focused}, not the error message`);
        await screenshot(page, ctx.screenshotDir, 'sign-in-rate-limited', 'desktop');
      } finally {
        await context.close();
      }
    },
  },
];

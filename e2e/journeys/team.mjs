import { randomBytes } from 'node:crypto';
import { CheckFailure, capture, expect, expectText, screenshot, VIEWPORTS } from '../lib/page.mjs';
import { DEMO_PASSWORD, signIn } from '../lib/session.mjs';

// Before identity.mjs (order 100), whose last check locks sign-in for 127.0.0.1.
export const order = 10;

const OWNER = { name: 'Jolene Park', email: 'jolene@electric-muse.test' };
// Created by the invitation journey and reused by the wizard journey (they run in this order).
const invitee = {
  name: 'Ivy Invitee',
  email: `ivy.${randomBytes(4).toString('hex')}@example.test`,
  password: 'a long enough passphrase',
  context: null,
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

async function open(ctx, page, path) {
  const response = await page.goto(new URL(path, ctx.baseUrl).href);
  expect(response?.status() === 200, `${path} answered ${response?.status()}`);
}

export const checks = [
  {
    name: 'owner invites staff (seat limit, plan upgrade), invitee signs up, verifies, accepts, joins',
    async run(ctx) {
      const mail = requireMail(ctx);
      const owner = await newPage(ctx);
      const guest = await newPage(ctx);
      try {
        // Signed out, the admin sends you to sign in and back.
        const { page } = owner;
        await page.goto(new URL('/electric-muse/admin/team', ctx.baseUrl).href);
        await page.waitForURL('**/sign-in?next=**');
        await signIn(page, OWNER.email, DEMO_PASSWORD);
        await page.waitForURL('**/electric-muse/admin/team');
        await expectText(page, 'Dex Moreno');
        await capture(ctx, page, 'team');

        // Starter has two seats, both taken: no invitation form the API would refuse, but the seat count
        // and, for the owner, the way to a bigger plan.
        const seatsFull = page.getByTestId('team-seats-full');
        await seatsFull.waitFor();
        await expectText(page, 'All 2 team seats on this plan are taken');
        expect(
          (await page.getByRole('button', { name: 'Send invitation' }).count()) === 0,
          'the invitation form is offered while every seat is taken',
        );
        expect(
          (await seatsFull.getByRole('link', { name: 'Plan and billing' }).getAttribute('href')) ===
            '/electric-muse/admin/billing',
          'the seat notice links the owner to Plan and billing',
        );
        await screenshot(page, ctx.screenshotDir, 'team-seat-limit', 'desktop');

        // Settings shows the plan read-only; the owner moves to Professional under Plan and billing (no
        // Stripe account on this deployment: the platform invoices it by hand, the change is immediate).
        await open(ctx, page, '/electric-muse/admin/settings');
        await page.getByRole('link', { name: 'Change the plan under Plan and billing' }).click();
        await page.waitForURL('**/electric-muse/admin/billing');
        await page.getByRole('radio', { name: /Professional/ }).check();
        await page.getByRole('button', { name: 'Change plan', exact: true }).click();
        await page.getByRole('button', { name: /Yes, switch to Professional/ }).click();
        await expectText(page, 'The studio is now on Professional.');
        const studio = await ctx.api('/api/v1/studios/electric-muse');
        expect(studio.plan === 'professional', `the studio is on ${studio.plan} after the change`);
        await capture(ctx, page, 'admin-billing');

        // Now the invitation goes out.
        await open(ctx, page, '/electric-muse/admin/team');
        const since = mail.messages.length;
        await page.getByLabel('Email', { exact: true }).fill(invitee.email);
        await page.getByLabel('Role', { exact: true }).selectOption('staff');
        await page.getByRole('button', { name: 'Send invitation' }).click();
        await expectText(page, `Invitation sent to ${invitee.email}`);
        await expect(
          (await page.getByTestId('team-invitations').textContent())?.includes(invitee.email),
          'the pending invitation is not listed',
        );

        // The invitee reads the email, signs up from the invitation page and confirms the address.
        const invitation = await mail.waitFor(invitee.email, (m) => /invited to join/i.test(m.subject), {
          since,
        });
        const link = mail.links(invitation).find((href) => href.includes('/invitations/'));
        expect(link, `no invitation link in: ${mail.links(invitation).join(' ')}`);
        const g = guest.page;
        await g.goto(link);
        await expectText(g, 'Sign in, or create an account');
        await capture(ctx, g, 'invitation-signed-out');
        await g.getByRole('link', { name: 'Create an account' }).click();
        await g.waitForURL('**/sign-up?next=**');
        await g.getByLabel('Name', { exact: true }).fill(invitee.name);
        await g.getByLabel('Email', { exact: true }).fill(invitee.email);
        await g.getByLabel('Password', { exact: true }).fill(invitee.password);
        await g.getByRole('button', { name: 'Create account' }).click();
        await g.waitForURL('**/verify-email?sent=1**');
        const verification = await mail.waitFor(invitee.email, (m) => /confirm your email/i.test(m.subject));
        const verify = mail.links(verification).find((href) => href.includes('/api/auth/verify-email'));
        expect(verify, `no verification link in: ${mail.links(verification).join(' ')}`);
        await g.goto(verify);
        await g.waitForURL('**/invitations/**');
        await expectText(g, `You are signed in as ${invitee.email}`);
        await capture(ctx, g, 'invitation-accept');
        await g.getByRole('button', { name: 'Accept invitation' }).click();
        await g.waitForURL('**/electric-muse/admin?joined=1');
        await expectText(g, 'Welcome to the team.');
        await capture(ctx, g, 'invitee-admin');

        // The link works once: opening it again explains that.
        await g.goto(link);
        await g.getByRole('button', { name: 'Accept invitation' }).click();
        await expectText(g, 'This invitation was already used');
        await screenshot(g, ctx.screenshotDir, 'invitation-used', 'phone');

        // The owner sees the new member with the staff role.
        await open(ctx, page, '/electric-muse/admin/team');
        const members = (await page.getByTestId('team-members').textContent()) ?? '';
        expect(
          members.includes(invitee.name) && members.includes(invitee.email),
          'the invitee is not in the team',
        );
        await capture(ctx, page, 'team-joined');

        // The last owner cannot step down: the 422 lastOwner is said plainly.
        await page.getByLabel(`Role of ${OWNER.name}`, { exact: true }).selectOption('admin');
        await page.getByRole('button', { name: `Save the role of ${OWNER.name}` }).click();
        await expectText(page, 'A studio keeps at least one owner');

        // Audit log (in the studio's time zone) and the mail log with one message opened.
        await open(ctx, page, '/electric-muse/admin/audit');
        await expectText(page, 'studios.invitation.created');
        await capture(ctx, page, 'admin-audit');
        await open(ctx, page, '/electric-muse/admin/audit?action=studios.member.*');
        await expectText(page, 'studios.member.added');
        await open(ctx, page, '/electric-muse/admin/messages');
        await expectText(page, "You're invited to join");
        await capture(ctx, page, 'admin-messages');
        await page
          .getByRole('link', { name: /You're invited to join/ })
          .first()
          .click();
        await page.waitForURL('**/admin/messages/**');
        await expectText(page, 'Text version');
        const sandbox = await page.locator('iframe').first().getAttribute('sandbox');
        expect(sandbox === '', `the HTML frame has sandbox="${sandbox}"`);
        await capture(ctx, page, 'admin-message', { axe: { exclude: ['iframe[sandbox=""]'] } });

        // The studio switcher lists the owner's studio.
        await page.getByTestId('studio-switcher').click();
        await expectText(page, 'Your studios');
        await screenshot(page, ctx.screenshotDir, 'studio-switcher', 'desktop');
        await page.keyboard.press('Escape');

        // Account: sessions, my studios, API keys (the full key shown once).
        await open(ctx, page, '/account');
        await expect((await page.getByTestId('sessions').locator('li').count()) >= 1, 'no sessions listed');
        await expectText(page, 'This device');
        await expect(
          ((await page.getByTestId('my-studios').textContent()) ?? '').includes('Electric Muse'),
          'my studios does not list Electric Muse',
        );
        await page.getByLabel('Key name').first().fill('e2e sync');
        await page.getByRole('button', { name: 'Create key' }).first().click();
        const key = (await page.getByTestId('api-key-secret').textContent({ timeout: 15_000 }))?.trim();
        expect(key && key.length > 20, `the new key "${key}" looks wrong`);
        await capture(ctx, page, 'account-owner');
        await page.reload();
        expect(
          (await page.getByTestId('api-key-secret').count()) === 0,
          'the full key is shown again after reload',
        );

        invitee.context = guest.context;
        expect(owner.problems.length === 0, owner.problems.join('\n'));
        expect(guest.problems.length === 0, guest.problems.join('\n'));
      } finally {
        await owner.context.close();
        if (!invitee.context) await guest.context.close();
      }
    },
  },
  {
    name: 'a signed-in person creates a studio with the wizard and lands in its admin',
    async run(ctx) {
      if (!invitee.context) throw new CheckFailure('needs the invitee from the previous journey');
      const page = await invitee.context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      try {
        await open(ctx, page, '/studios/new');
        const name = `Nimbus ${randomBytes(2).toString('hex')} Studio`;
        const slug = name.toLowerCase().replaceAll(' ', '-');
        await page.getByLabel('Studio name').fill(name);
        const suggested = await page.getByLabel('Web address').inputValue();
        expect(suggested === slug, `slug suggestion "${suggested}", expected "${slug}"`);
        const zone = await page.getByLabel('Time zone').inputValue();
        expect(zone && zone !== '', 'no time zone preselected');
        await capture(ctx, page, 'wizard-details');

        // A taken address: the 409 lands on the web-address field, back on step 1.
        await page.getByLabel('Web address').fill('electric-muse');
        await page.getByRole('button', { name: 'Next' }).click();
        await page.getByRole('button', { name: 'Next' }).click();
        await page.getByRole('radio', { name: /Starter/ }).check();
        await page.getByRole('button', { name: 'Create studio' }).click();
        await expectText(page, 'That web address is taken');
        const focused = await page.evaluate(() => document.activeElement?.id);
        expect(focused === 'slug', `focus went to #${focused}, not #slug`);
        expect((await page.getAttribute('#slug', 'aria-invalid')) === 'true', '#slug is not aria-invalid');
        await screenshot(page, ctx.screenshotDir, 'wizard-slug-taken', 'desktop');

        await page.getByLabel('Web address').fill(slug);
        await page.getByRole('button', { name: 'Next' }).click();
        await page.getByLabel('Main colour').fill('#b91c1c');
        await capture(ctx, page, 'wizard-look');
        await page.getByRole('button', { name: 'Next' }).click();
        await capture(ctx, page, 'wizard-plan');
        await page.getByRole('button', { name: 'Create studio' }).click();
        await page.waitForURL(`**/${slug}/admin?created=1`);
        await expectText(page, 'Your studio is open');
        await capture(ctx, page, 'wizard-created');
        const created = await ctx.api(`/api/v1/studios/${slug}`);
        expect(created.brand.primaryColor === '#b91c1c', `brand colour is ${created.brand.primaryColor}`);
        expect(problems.length === 0, problems.join('\n'));
      } finally {
        await invitee.context.close();
        invitee.context = null;
      }
    },
  },
];

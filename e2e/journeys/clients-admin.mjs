import { capture, expect, expectText } from '../lib/page.mjs';
import { signedInPage } from '../lib/session.mjs';

// Signs in, so it runs before identity.mjs (order 100) trips the sign-in lockout for 127.0.0.1.
export const order = 35;

const STUDIO = 'electric-muse';
const OWNER = 'jolene@electric-muse.test';
// A demo client of Electric Muse (apps/api/src/demo): a parent who booked and bought prints as a guest.
const CLIENT = { name: 'Grace Kim', email: 'grace.kim@families.test' };

export const checks = [
  {
    name: 'owner finds a client, corrects the phone, adds to and takes from the wallet; the audit log shows it',
    async run(ctx) {
      const { context, page, problems } = await signedInPage(ctx, OWNER);
      try {
        // From the admin menu to the list, then a search by a part of the email.
        await page.goto(new URL(`/${STUDIO}/admin`, ctx.baseUrl).href);
        await page
          .getByRole('navigation')
          .getByRole('link', { name: 'Clients', exact: true })
          .first()
          .click();
        await page.waitForURL(`**/${STUDIO}/admin/clients`);
        await expectText(page, CLIENT.name);
        await capture(ctx, page, 'admin-clients');
        await page.getByLabel('Name, email or phone').fill('grace.kim@');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL('**/admin/clients?q=grace.kim%40**');
        const rows = page.getByRole('link', { name: CLIENT.name });
        await rows.first().waitFor();
        expect(
          (await page.getByRole('link', { name: 'Sofia Marin' }).count()) === 0,
          'the search still lists other clients',
        );
        await rows.first().click();
        await page.waitForURL(`**/${STUDIO}/admin/clients/**`);
        await expectText(page, CLIENT.email);
        await expectText(page, 'Guest');

        // A phone the API would refuse is caught on the field; a good one is saved.
        const phone = page.getByLabel('Phone', { exact: true });
        await phone.fill('call <me>');
        await page.getByRole('button', { name: 'Save details' }).click();
        await expectText(page, 'Use digits, spaces and + ( ) . / - only.');
        expect(
          (await phone.getAttribute('aria-invalid')) === 'true',
          'the refused phone is not marked invalid',
        );
        await phone.fill('+1 (503) 555-0142');
        await page.getByRole('button', { name: 'Save details' }).click();
        await expectText(page, 'Details saved.');
        await expectText(page, '+1 (503) 555-0142');

        // The wallet: add $25 with a reason, then take $5; the balance and the statement follow. (Read
        // relative to what it held, so the check also runs against an app it has run on before.)
        const balance = page.getByTestId('client-wallet-balance');
        const before = Number((await balance.textContent()).replace(/[^0-9.]/g, ''));
        const dollars = (n) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
        const adjust = page.getByRole('form', { name: 'Adjust the wallet' });
        await adjust.getByLabel('Amount (USD)').fill('25');
        await adjust.getByLabel('Reason').fill('Reprint voucher');
        await adjust.getByRole('button', { name: 'Add to the wallet' }).click();
        await expectText(page, '$25.00 added to the wallet.');
        await balance.filter({ hasText: dollars(before + 25) }).waitFor();

        // More than the balance is caught before anything is sent.
        await adjust.getByLabel('Take from the balance').check();
        await adjust.getByLabel('Amount (USD)').fill(String(before + 40));
        await adjust.getByLabel('Reason').fill('Too much');
        await adjust.getByRole('button', { name: 'Take from the wallet' }).click();
        await expectText(page, `The wallet holds ${dollars(before + 25)}; you cannot take more than that.`);
        await adjust.getByLabel('Amount (USD)').fill('5');
        await adjust.getByLabel('Reason').fill('Voucher partly used in the studio');
        await adjust.getByRole('button', { name: 'Take from the wallet' }).click();
        await expectText(page, '$5.00 taken from the wallet.');
        await balance.filter({ hasText: dollars(before + 20) }).waitFor();
        // Newest first: the take, then the add, each with the words the client will read.
        const lines = page.getByTestId('client-wallet-entries').locator('tbody tr');
        const newest = [await lines.nth(0).textContent(), await lines.nth(1).textContent()];
        expect(
          /Voucher partly used in the studio/.test(newest[0]) && /−\$5\.00/.test(newest[0]),
          `the newest statement line reads ${newest[0]}`,
        );
        expect(
          /Reprint voucher/.test(newest[1]) && /\+\$25\.00/.test(newest[1]),
          `the line before it reads ${newest[1]}`,
        );
        await capture(ctx, page, 'admin-client');

        // Her orders link to the order, and the order back to her page.
        const clientUrl = page.url();
        await page.getByTestId('client-orders').getByRole('link').first().click();
        await page.waitForURL(`**/${STUDIO}/admin/orders/**`);
        await page.getByRole('link', { name: 'Client page' }).click();
        await page.waitForURL(clientUrl);
        await expectText(page, CLIENT.email);

        // Both adjustments are money moved by hand: the audit log names them.
        // (The details edit reaches the log through the event bus, a moment after it was saved.)
        for (let attempt = 0; ; attempt++) {
          await page.goto(new URL(`/${STUDIO}/admin/audit`, ctx.baseUrl).href);
          await expectText(page, 'Wallet adjusted');
          if ((await page.getByText('Client details edited').count()) > 0) break;
          expect(attempt < 10, 'the audit log never showed the client details edit');
          await page.waitForTimeout(500);
        }
        expect(problems.length === 0, problems.join('\n'));
      } finally {
        await context.close();
      }
    },
  },
];

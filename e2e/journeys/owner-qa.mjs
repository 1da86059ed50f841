// What studio owners saw wrong in exploratory QA and must not come back: an order line that read with
// its added tax on top of a subtotal without it, payment ids in the timeline, focus lost to <body> after
// moving a category by keyboard, an owner refused everywhere as "Not for your role" when the studio only
// wanted two-factor, an admin frame that shrank to a short page's content, and a flash sale squeezed
// to a word per line on a phone; the studio switcher's role unreadable on its highlighted row; a
// dashboard whose numbers stayed as they were until someone reloaded it; list filters cut off on a
// laptop.
import { randomBytes } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import {
  CheckFailure,
  capture,
  expect,
  expectAccessible,
  expectText,
  screenshot,
  VIEWPORTS,
} from '../lib/page.mjs';
import { sessionCookie, signedInPage } from '../lib/session.mjs';
import { apiAs, guestClient, money, until } from '../lib/shop.mjs';

// Signs in, so it runs before identity.mjs (order 100) trips the sign-in lockout for 127.0.0.1.
export const order = 40;

const run = randomBytes(3).toString('hex');
const usd = (minor) => money(minor, 'USD', 'en');

/** Opens an admin page and waits until it is interactive (client components hydrated). */
async function open(ctx, page, path) {
  const response = await page.goto(new URL(path, ctx.baseUrl).href);
  expect(response?.status() === 200, `${path} answered ${response?.status()}`);
  await page.locator('main#main').waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
}

function noPageErrors(problems) {
  expect(problems.length === 0, `the page logged:\n  ${problems.join('\n  ')}`);
}

/** A guest's bank-transfer order of one print at Electric Muse (US sales tax added on top). */
async function placeTaxedOrder(ctx, tag = 'paid') {
  const API = '/api/v1/studios/electric-muse';
  const call = guestClient(ctx.baseUrl);
  const detail = await call('GET', `${API}/catalog/items/photo-print`);
  const variant = detail.variants.find((v) => v.available);
  expect(variant, 'no photo print variant is available');
  await call('POST', `${API}/cart/lines`, { variantId: variant.id, quantity: 2 });
  const address = {
    name: `Owner QA ${run}`,
    line1: '1200 W Lake St',
    city: 'Chicago',
    region: 'IL',
    postalCode: '60607',
    country: 'US',
  };
  const checkout = {
    email: `owner-qa.${tag}.${run}@example.test`,
    name: address.name,
    shippingAddress: address,
    billingAddress: address,
    paymentProvider: 'manual',
    manualMethod: 'bank_transfer',
  };
  let preview = await call('POST', `${API}/checkout/preview`, checkout);
  if (preview.shippingOptions.length > 0) {
    checkout.shippingMethodId = preview.shippingOptions[0].id;
    preview = await call('POST', `${API}/checkout/preview`, checkout);
  }
  // Without tax added on top, the line total and the line's pre-tax amount are the same: no check.
  expect(!preview.pricesIncludeTax && preview.taxMinor > 0, 'Electric Muse added no sales tax');
  const placed = await call(
    'POST',
    `${API}/checkout`,
    { ...checkout, expectedTotalMinor: preview.totalMinor },
    { 'idempotency-key': `owner-qa-${tag}-${run}` },
  );
  return { order: placed.order, unitMinor: variant.price.amountMinor };
}

export const checks = [
  {
    name: 'owner QA: an order line reads before added tax; payment entries in the timeline carry no payment id',
    async run(ctx) {
      const { order, unitMinor } = await placeTaxedOrder(ctx);
      const { context, page, problems } = await signedInPage(ctx, 'jolene@electric-muse.test');
      try {
        await open(ctx, page, `/electric-muse/admin/orders/${order.id}`);
        // Two prints: the line is 2 × the unit price; the tax is its own row of the totals.
        const lineTotal = (await page.locator('tbody tr td').last().textContent())?.trim();
        expect(
          lineTotal === usd(2 * unitMinor),
          `the line total reads ${lineTotal}, expected ${usd(2 * unitMinor)} (tax ${usd(order.taxMinor)} is a totals row)`,
        );
        await page.getByRole('button', { name: 'Mark paid' }).click();
        await page.getByRole('button', { name: `Confirm ${usd(order.totalMinor)} received` }).click();
        // The staff view names who confirmed the money, and how much by which method, in words.
        await expectText(page, 'Payment confirmed by');
        const timeline = (await page.getByTestId('order-timeline').textContent()) ?? '';
        expect(
          !/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(timeline),
          `the timeline shows a raw id: ${timeline}`,
        );
        expect(timeline.includes(`${usd(order.totalMinor)} by Bank transfer`), `timeline: ${timeline}`);
        expect(
          timeline.split('Order placed').length === 2,
          `the placed entry says "Order placed" once: ${timeline}`,
        );
        await capture(ctx, page, 'owner-qa-order-paid', { at: 'desktop' });

        // The dashboard counts it: the sales card says what the API sums, today's bar is drawn, and
        // the same figures open as a table from the keyboard.
        await open(ctx, page, '/electric-muse/admin');
        const sales = await (
          await page.request.get(
            new URL('/api/v1/studios/electric-muse/admin/orders/sales?days=30', ctx.baseUrl).href,
          )
        ).json();
        expect(
          sales.period.salesMinor >= order.totalMinor,
          `sales ${sales.period.salesMinor} miss the paid order`,
        );
        const total = (await page.getByTestId('sales-total').textContent())?.trim();
        expect(
          total === usd(sales.period.salesMinor),
          `the sales card reads ${total}, the API sums ${usd(sales.period.salesMinor)}`,
        );
        const orders = (await page.getByTestId('sales-orders').textContent())?.trim();
        expect(
          orders === String(sales.period.orders),
          `the card counts ${orders} orders, the API ${sales.period.orders}`,
        );
        await page.getByTestId('sales-overview').getByRole('img').waitFor();
        const summary = page.getByTestId('sales-overview').locator('summary');
        await summary.focus();
        await page.keyboard.press('Enter');
        const today = sales.days.at(-1);
        const todayRow = page.getByTestId('sales-overview').locator('tbody tr').first();
        expect(
          ((await todayRow.textContent()) ?? '').includes(usd(today.salesMinor)),
          `today's row reads ${await todayRow.textContent()}, the API says ${usd(today.salesMinor)}`,
        );
        await capture(ctx, page, 'owner-qa-dashboard-sales', { at: 'desktop' });
        await page.setViewportSize(VIEWPORTS.phone);
        await capture(ctx, page, 'owner-qa-dashboard-sales', { at: 'phone' });
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'owner QA: the dashboard stays live: a payment confirmed elsewhere shows within the minute, without a reload',
    async run(ctx) {
      const { context, page, problems } = await signedInPage(ctx, 'jolene@electric-muse.test');
      try {
        // The page's clock is ours to move: a minute passes in an instant, the API answers for real.
        await page.clock.install();
        await open(ctx, page, '/electric-muse/admin');
        const ordersOnCard = async () =>
          Number((await page.getByTestId('sales-orders').textContent())?.trim());
        const before = await ordersOnCard();
        const renderedAt = await page.getByTestId('live-refresh').getAttribute('data-rendered-at');
        // Hydrated, and worded: "Updated 4:05 PM · updates every minute".
        await page
          .getByTestId('live-refresh')
          .getByText(/^Updated \d/)
          .waitFor();

        // Someone at the studio confirms a transfer from another device.
        const { order } = await placeTaxedOrder(ctx, 'live');
        const cookie = await sessionCookie(ctx, 'jolene@electric-muse.test');
        const API = '/api/v1/studios/electric-muse';
        const detail = await apiAs(ctx, cookie, 'GET', `${API}/admin/orders/${order.id}`);
        await apiAs(ctx, cookie, 'POST', `${API}/payments/${detail.payments[0].id}/mark-paid`, {});
        await until(
          async () => (await apiAs(ctx, cookie, 'GET', `${API}/admin/orders/${order.id}`)).status === 'paid',
          'the order to be paid',
        );

        // Half a minute: the numbers are fresh enough, nothing is read again.
        await page.clock.fastForward(30_000);
        expect((await ordersOnCard()) === before, 'the dashboard was read again within the minute');
        await page.clock.fastForward(35_000);
        await until(
          async () =>
            (await page.getByTestId('live-refresh').getAttribute('data-rendered-at')) !== renderedAt,
          'the dashboard to read its numbers again',
        );
        await until(
          async () => (await ordersOnCard()) >= before + 1,
          `the card to count ${before + 1} orders or more`,
        );
        expect(page.url().endsWith('/electric-muse/admin'), `the page moved to ${page.url()}`);
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'owner QA: moving a category by keyboard keeps focus on its row, also where the same button is now disabled',
    async run(ctx) {
      const cookie = await sessionCookie(ctx, 'jolene@electric-muse.test');
      const API = '/api/v1/studios/electric-muse/admin/catalog/categories';
      const made = [];
      for (const label of ['A', 'B']) {
        made.push(
          await apiAs(ctx, cookie, 'POST', API, {
            name: `QA ${label} ${run}`,
            slug: `qa-${label.toLowerCase()}-${run}`,
            parentId: null,
          }),
        );
      }
      const { context, page, problems } = await signedInPage(ctx, 'jolene@electric-muse.test');
      try {
        await open(ctx, page, '/electric-muse/admin/catalog/categories');
        const b = `QA B ${run}`;
        const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
        // B goes inside A (the category above): B is then A's only child, so "inside" is disabled and
        // focus must land on "out" (which undoes it), not on <body>.
        const indent = page.getByRole('button', { name: `Put ${b} inside the category above` });
        // Once (CI, Nov 24) the button never appeared in a full run, though this passes alone: if it is
        // missing, say what the page showed instead of only timing out.
        await indent.waitFor({ timeout: 20_000 }).catch(async () => {
          const shown = await page
            .locator('main')
            .textContent()
            .then((text) => (text ?? '').replace(/\s+/g, ' '))
            .catch(() => '(no main)');
          throw new CheckFailure(
            `no "Put ${b} inside the category above" on ${page.url()}; the page showed:\n${shown.slice(0, 1500)}`,
          );
        });
        await indent.focus();
        await page.keyboard.press('Enter');
        await expectText(page, `${b} is now 1 of 1 in QA A ${run}`);
        await page
          .waitForFunction(
            (label) => document.activeElement?.getAttribute('aria-label') === label,
            `Move ${b} out of its parent`,
            { timeout: 5_000 },
          )
          .catch(() => {});
        expect((await focused()) === `Move ${b} out of its parent`, `focus went to ${await focused()}`);
        await page.keyboard.press('Enter');
        await page
          .waitForFunction(
            (label) => document.activeElement?.getAttribute('aria-label') === label,
            `Put ${b} inside the category above`,
            { timeout: 5_000 },
          )
          .catch(() => {});
        expect(
          (await focused()) === `Put ${b} inside the category above`,
          `focus went to ${await focused()}`,
        );
        noPageErrors(problems);
      } finally {
        await context.close();
        for (const category of made.reverse()) await apiAs(ctx, cookie, 'DELETE', `${API}/${category.id}`);
      }
    },
  },
  {
    name: 'owner QA: an owner without two-factor in a studio that requires it is told so, and where to turn it on',
    async run(ctx) {
      // Frank owns Volt Supply, which requires two-factor of its members; he has not turned it on.
      const { context, page, problems } = await signedInPage(ctx, 'frank@volt-supply.test');
      try {
        await open(ctx, page, '/volt-supply/admin/orders');
        const notice = page.getByTestId('two-factor-required');
        await notice.waitFor();
        expect(
          (await notice.textContent())?.includes('Two-factor authentication required'),
          'the notice does not name two-factor',
        );
        const link = notice.getByRole('link', { name: 'Turn on two-factor in your account' });
        expect(
          (await link.getAttribute('href')) === '/account#security',
          'the notice does not link to security',
        );
        expect((await page.getByText('Not for your role').count()) === 0, 'a page still blames the role');
        await capture(ctx, page, 'owner-qa-two-factor-required', { at: 'desktop' });
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'owner QA: an admin page with little on it keeps the full-width frame (the nav does not jump)',
    async run(ctx) {
      const { context, page, problems } = await signedInPage(ctx, 'mike@tysun-mike.test');
      try {
        // Tysun Mike's demo orders are past ones, which sent no email: the page is a heading and one line.
        await open(ctx, page, '/tysun-mike-productions/admin/messages');
        const frame = await page.evaluate(() => {
          const grid = document.querySelector('main#main')?.parentElement?.getBoundingClientRect();
          return { width: grid?.width ?? 0, viewport: document.documentElement.clientWidth };
        });
        // max-w-6xl (72rem = 1152px) at 1280px wide; it shrank to its content inside the flex column.
        expect(
          frame.width === Math.min(1152, frame.viewport),
          `the admin frame is ${frame.width}px wide in a ${frame.viewport}px window`,
        );
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'owner QA: payment settings say which ways of paying this server cannot run, instead of offering a dead switch',
    async run(ctx) {
      const { context, page, problems } = await signedInPage(ctx, 'jolene@electric-muse.test');
      try {
        // The shared e2e server has no Stripe keys (card-payment.mjs starts its own with them).
        await open(ctx, page, '/electric-muse/admin/payments/settings');
        const card = page.getByRole('checkbox', { name: /^Card \(Stripe\)/ });
        expect(await card.isDisabled(), 'Card (Stripe) can be switched on on a server without Stripe keys');
        const note = (await page.getByTestId('provider-stripe-server').textContent()) ?? '';
        expect(note.includes('card payments need Stripe keys'), `the Stripe row says "${note}"`);
        // What the server runs is switchable as before, and carries no such note.
        expect(
          await page.getByRole('checkbox', { name: /^Card \(sandbox/ }).isEnabled(),
          'the sandbox, which this server runs, cannot be switched',
        );
        expect(
          (await page.getByTestId('provider-sandbox-server').count()) === 0,
          'the sandbox is said to be unavailable on a server that runs it',
        );
        await expectAccessible(page);
        // Saving keeps the stored choice the server cannot run: keys back tomorrow, cards back with them.
        const cookie = await sessionCookie(ctx, 'jolene@electric-muse.test');
        const settingsPath = '/api/v1/studios/electric-muse/payment-settings';
        const before = await apiAs(ctx, cookie, 'GET', settingsPath);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Payment methods saved.').waitFor();
        const after = await apiAs(ctx, cookie, 'GET', settingsPath);
        // The demo studio keeps the defaults, Stripe among them: what this check is about.
        expect(before.enabledProviders.includes('stripe'), `stored providers: ${before.enabledProviders}`);
        expect(
          after.enabledProviders.includes('stripe'),
          `saving the page dropped Stripe: ${before.enabledProviders} became ${after.enabledProviders}`,
        );
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: "owner QA: the studio switcher's highlighted studio keeps its role readable",
    async run(ctx) {
      const { context, page, problems } = await signedInPage(ctx, 'jolene@electric-muse.test', {
        viewport: VIEWPORTS.phone,
      });
      try {
        await open(ctx, page, '/electric-muse/admin');
        await page.getByRole('button', { name: 'Switch studio' }).focus();
        await page.keyboard.press('Enter');
        // The current studio is highlighted on opening: its role was grey on the brand fill (1.25:1).
        await page.getByRole('menuitem', { name: /Electric Muse/ }).waitFor();
        // Only contrast, only in the menu: with the menu open Radix hides the page from assistive tech
        // (aria-hidden) while its links stay in the DOM, which axe's aria-hidden-focus reports.
        const results = await new AxeBuilder({ page })
          .include('[role="menu"]')
          .withRules(['color-contrast'])
          .analyze();
        expect(
          results.violations.length === 0,
          `the open switcher fails contrast: ${results.violations.flatMap((v) => v.nodes.map((n) => n.failureSummary)).join('; ')}`,
        );
        await screenshot(page, ctx.screenshotDir, 'owner-qa-studio-switcher', 'phone');
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'owner QA: a running flash sale keeps a readable row on a phone',
    async run(ctx) {
      const { context, page, problems } = await signedInPage(ctx, 'krit@qr-studios.test', {
        viewport: VIEWPORTS.phone,
      });
      try {
        await open(ctx, page, '/qr-studios/admin/catalog/flash-sales');
        const row = page.getByTestId('flash-sales-running').locator('li').first();
        await row.waitFor();
        const [rowBox, textBox] = await Promise.all([
          row.boundingBox(),
          row.locator('div').first().boundingBox(),
        ]);
        // Beside the badge and two buttons the text had ~40px: a word per line.
        expect(
          rowBox && textBox && textBox.width > rowBox.width * 0.7,
          `the sale's text is ${textBox?.width}px of a ${rowBox?.width}px row`,
        );
        await capture(ctx, page, 'owner-qa-flash-sales', { at: 'phone' });
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'owner QA: the admin lists keep their filters readable and level on a laptop and a desktop, in English and Thai',
    async run(ctx) {
      for (const locale of ['en', 'th']) {
        for (const viewport of ['laptop', 'desktop']) {
          const { context, page, problems } = await signedInPage(ctx, 'jolene@electric-muse.test', {
            viewport: VIEWPORTS[viewport],
          });
          await context.addCookies([{ name: 'locale', value: locale, url: ctx.baseUrl }]);
          try {
            for (const list of ['catalog', 'orders', 'payments']) {
              await open(ctx, page, `/electric-muse/admin/${list}`);
              // The first filter's control and the Apply button share a top edge with every control
              // of their rows: fields once aligned at their bottoms, so a hint lifted its neighbours.
              const form = page.locator('main form[method="get"]').first();
              const tops = await form.evaluate((element) =>
                [
                  ...element.querySelectorAll('input:not([type="hidden"]), select, button[type="submit"]'),
                ].map((control) => Math.round(control.getBoundingClientRect().top)),
              );
              const rows = [...new Set(tops)];
              expect(
                rows.length <= 2,
                `${list} (${viewport}, ${locale}): the filters' controls stand at ${rows.length} heights (${rows.join(', ')} px); expected level rows`,
              );
              await capture(ctx, page, `owner-qa-${list}-filters-${locale}`, { at: viewport });
            }
            noPageErrors(problems);
          } finally {
            await context.close();
          }
        }
      }
    },
  },
];

import { expect, expectSkipLinkFirst, expectText, inspectPage } from './lib/page.mjs';
import { signedInState } from './lib/session.mjs';

// The demo studios the seed creates (SEED_DEMO=true); their names come from the API.
const DEMO_SLUGS = ['tysun-mike-productions', 'electric-muse', 'volt-supply', 'focusflow-demo', 'qr-studios'];
const THB_PRICE = /฿\s?\d[\d,]*(\.\d+)?/;
const USD_PRICE = /\$\s?\d[\d,]*(\.\d+)?/;

/** The platform's first checks; each studio business adds its journeys under e2e/journeys/. */
export const checks = [
  {
    name: 'home lists the five demo studios',
    async run(ctx) {
      const { items } = await ctx.api('/api/v1/studios?limit=100');
      const demo = DEMO_SLUGS.map((slug) => items.find((studio) => studio.slug === slug));
      expect(
        demo.every(Boolean),
        `the API lists ${items.map((s) => s.slug).join(', ')}; expected ${DEMO_SLUGS.join(', ')}`,
      );
      await inspectPage(ctx, {
        path: '/',
        name: 'home',
        async verify(page) {
          for (const studio of demo) await expectText(page, studio.name);
          for (const slug of DEMO_SLUGS) {
            expect(
              (await page.locator(`a[href="/${slug}"]`).count()) > 0,
              `no link to /${slug} on the home page`,
            );
          }
        },
      });
    },
  },
  {
    name: 'qr-studios storefront speaks Thai and prices in THB',
    async run(ctx) {
      await inspectPage(ctx, {
        path: '/qr-studios',
        name: 'qr-studios',
        async verify(page) {
          // The browser asks for English (Accept-Language en-US); the studio's own locale wins.
          expect(
            (await page.getAttribute('html', 'lang')) === 'th',
            '<html lang> is not "th" on /qr-studios',
          );
          await expectText(page, 'สิ่งที่เรานำเสนอ');
          await expectText(page, THB_PRICE);
        },
      });
    },
  },
  {
    name: 'qr-studios storefront is readable in dark mode',
    async run(ctx) {
      await inspectPage(ctx, {
        path: '/qr-studios',
        name: 'qr-studios-dark',
        colorScheme: 'dark',
        async verify(page) {
          await page.waitForFunction(() => document.documentElement.classList.contains('dark'));
          await expectText(page, THB_PRICE);
        },
      });
    },
  },
  {
    name: 'electric-muse storefront shows its catalog in USD',
    async run(ctx) {
      const { items } = await ctx.api('/api/v1/studios/electric-muse/catalog/items?limit=100');
      expect(items.length > 0, 'electric-muse has no published catalog items');
      await inspectPage(ctx, {
        path: '/electric-muse',
        name: 'electric-muse',
        async verify(page) {
          await expectText(page, 'What we offer');
          await expectText(page, items[0].name);
          await expectText(page, USD_PRICE);
        },
      });
    },
  },
  {
    name: 'electric-muse admin counts the published catalog',
    async run(ctx) {
      const { items, nextCursor } = await ctx.api('/api/v1/studios/electric-muse/catalog/items?limit=100');
      expect(nextCursor === null, 'electric-muse has more than 100 items; this check expects one page');
      // The admin is for members: its owner signs in (signed out, the page sends you to sign in).
      const storageState = await signedInState(ctx, 'jolene@electric-muse.test');
      await inspectPage(ctx, {
        path: '/electric-muse/admin',
        name: 'electric-muse-admin',
        storageState,
        async verify(page) {
          await expectText(page, 'Published catalog items');
          const count = (await page.locator('main p.text-4xl').textContent()) ?? '';
          expect(
            count.trim() === String(items.length),
            `the dashboard counts ${count}, the API lists ${items.length}`,
          );
        },
      });
    },
  },
  {
    name: "FocusFlow's plan and billing lists its invoices, and its invoice table scrolls within the phone page",
    async run(ctx) {
      // The demo's paying studio: its invoices are a table that scrolls in its own region on a phone.
      const storageState = await signedInState(ctx, 'hannah@lumen-field.test');
      await inspectPage(ctx, {
        path: '/focusflow-demo/admin/billing',
        name: 'focusflow-admin-billing',
        storageState,
        async verify(page) {
          await page.getByTestId('billing-invoices').waitFor();
          const rows = await page.getByTestId('billing-invoices').locator('tbody tr').count();
          expect(rows > 0, 'the billing page lists no invoice for FocusFlow');
        },
      });
    },
  },
  {
    name: 'client portal: a section not shipped yet is out of the menu, and its address says so plainly',
    async run(ctx) {
      await inspectPage(ctx, {
        // Bookings arrive with the scheduling module; until then the menu does not offer them, and the
        // address (from the docs, a bookmark) says what will be there.
        path: '/electric-muse/portal/bookings',
        name: 'electric-muse-portal-bookings',
        async verify(page) {
          await expectText(page, 'Coming soon');
          const menu = await page
            .locator('nav a[href^="/electric-muse/portal"]')
            .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
          expect(
            menu.includes('/electric-muse/portal/orders') && !menu.includes('/electric-muse/portal/bookings'),
            `the portal menu offers ${JSON.stringify(menu)}`,
          );
        },
      });
    },
  },
  {
    name: 'API reference opens at /api/docs',
    async run(ctx) {
      await inspectPage(ctx, {
        path: '/api/docs',
        name: 'api-docs',
        // Swagger UI is a third-party page; axe runs on the app's own pages.
        axe: false,
        async verify(page) {
          await expectText(page, '/api/v1/studios');
        },
      });
    },
  },
  {
    name: 'unknown studio answers 404',
    async run(ctx) {
      await inspectPage(ctx, {
        path: '/no-such-studio',
        name: 'not-found',
        status: 404,
        viewports: ['phone'],
        async verify(page) {
          await expectText(page, 'Page not found');
        },
      });
    },
  },
  {
    name: 'keyboard: the first Tab reaches the skip link',
    async run(ctx) {
      for (const pathname of ['/', '/qr-studios', '/electric-muse/admin']) {
        const context = await ctx.browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(new URL(pathname, ctx.baseUrl).href);
          await expectSkipLinkFirst(page);
        } finally {
          await context.close();
        }
      }
    },
  },
  {
    name: 'language switcher switches a Thai studio to English and remembers it',
    async run(ctx) {
      const context = await ctx.browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(new URL('/qr-studios', ctx.baseUrl).href);
        await expectText(page, 'สิ่งที่เรานำเสนอ');
        await page.getByRole('button', { name: 'EN', exact: true }).click();
        await expectText(page, 'What we offer');
        const cookies = await context.cookies();
        expect(
          cookies.some((cookie) => cookie.name === 'locale' && cookie.value === 'en'),
          'no locale=en cookie after switching',
        );
        await page.reload();
        await expectText(page, 'What we offer');
        expect((await page.getAttribute('html', 'lang')) === 'en', '<html lang> is not "en" after switching');
      } finally {
        await context.close();
      }
    },
  },
];

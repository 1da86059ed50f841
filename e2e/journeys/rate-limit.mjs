import { fileURLToPath } from 'node:url';
import { startApp } from '../lib/app.mjs';
import { CheckFailure, expect, expectText, inspectPage, VIEWPORTS } from '../lib/page.mjs';

// A visitor over the API's rate limit gets a real 429 page with Retry-After (apps/web/lib/outcome.ts,
// lib/too-many-requests.ts), not the page's "API unavailable" state with a 200. The journey starts its
// own app with a low limit (the shared app's is 100,000 a minute so that journeys never trip it), uses
// up the budget of 127.0.0.1 (every browser here, and the node process), then opens pages as a visitor.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Enough for the first page and its prefetches; low enough to use up in a moment.
const LIMIT = 60;
const HEADLINE = /^Too many requests — try again in \d+ seconds?\.$/;

/** Calls the API from 127.0.0.1 until it answers 429; returns its Retry-After (seconds). */
async function useUpBudget(baseUrl) {
  for (let call = 0; call < LIMIT * 3; call++) {
    const response = await fetch(new URL('/api/v1/studios?limit=1', baseUrl));
    await response.arrayBuffer();
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter >= 1 && retryAfter <= 60, `the API's 429 says Retry-After ${retryAfter}`);
      return retryAfter;
    }
  }
  throw new CheckFailure(`the API never answered 429 within ${LIMIT * 3} calls`);
}

/** The 429 page's own checks: where it is, what it says, the way back. Returns the seconds it asks for. */
async function expectTooManyRequestsPage(page, response, { from, apiRetryAfter }) {
  const url = new URL(page.url());
  expect(url.pathname === '/too-many-requests', `ended on ${page.url()}, not the 429 page`);
  expect(url.searchParams.get('from') === from, `the 429 page goes back to ${url.searchParams.get('from')}`);
  expect(response?.status() === 429, `the 429 page answered ${response?.status()}`);
  const retryAfter = Number(response.headers()['retry-after']);
  expect(
    retryAfter >= 1 && retryAfter <= apiRetryAfter,
    `the page says Retry-After ${retryAfter}; the API said ${apiRetryAfter}`,
  );
  const headline = (await page.locator('main#main h1').textContent())?.trim() ?? '';
  expect(HEADLINE.test(headline), `the page's h1 reads "${headline}"`);
  const back = page.getByRole('link', { name: 'Try again', exact: true });
  expect(
    (await back.getAttribute('href')) === from,
    `"Try again" links to ${await back.getAttribute('href')}`,
  );
  return retryAfter;
}

export const checks = [
  {
    name: 'over the API rate limit: a real 429 page with Retry-After, in the reader language, and back after the wait',
    async run(ctx) {
      const app = await startApp(ROOT, { env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
      const own = { ...ctx, baseUrl: app.baseUrl };
      const context = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop });
      try {
        const page = await context.newPage();
        const documents = [];
        page.on('response', (response) => {
          if (response.request().resourceType() === 'document') documents.push(response);
        });

        // Within the budget the home page is an ordinary 200 listing the studios.
        const home = await page.goto(new URL('/', app.baseUrl).href);
        expect(home?.status() === 200, `the home page answered ${home?.status()} within the budget`);
        const studioLink = page.locator('a[href="/qr-studios"]').first();
        await studioLink.waitFor();

        const apiRetryAfter = await useUpBudget(app.baseUrl);

        // 1. A client-side navigation whose render gets the 429 ends on the 429 page too.
        await studioLink.click();
        await page.waitForURL((url) => url.pathname === '/too-many-requests', { timeout: 15_000 });
        await page.locator('main#main h1').waitFor();
        const navigated = documents.findLast((response) => response.url().includes('/too-many-requests'));
        await expectTooManyRequestsPage(page, navigated, { from: '/qr-studios', apiRetryAfter });

        // 2. A full page load: the render answers 307 to the 429 page, which answers 429 + Retry-After.
        const loaded = await page.goto(new URL('/qr-studios/search?q=garage', app.baseUrl).href);
        const firstHop = await loaded?.request().redirectedFrom()?.response();
        expect(firstHop?.status() === 307, `the render answered ${firstHop?.status()}, expected 307`);
        const secondsLeft = await expectTooManyRequestsPage(page, loaded, {
          from: '/qr-studios/search',
          apiRetryAfter,
        });

        // 3. Accessible at desktop and phone width, light and dark; screenshots for review.
        const verify = async (shown) => {
          expect(new URL(shown.url()).pathname === '/too-many-requests', `ended on ${shown.url()}`);
          await expectText(shown, 'Too many requests — try again in');
        };
        await inspectPage(own, { path: '/qr-studios', name: 'too-many-requests', status: 429, verify });
        await inspectPage(own, {
          path: '/qr-studios',
          name: 'too-many-requests-dark',
          status: 429,
          colorScheme: 'dark',
          viewports: ['desktop'],
          verify,
        });

        // 4. In the reader's language (Accept-Language th here), with lang set for screen readers.
        const thai = await ctx.browser.newContext({ viewport: VIEWPORTS.phone, locale: 'th-TH' });
        try {
          const thaiPage = await thai.newPage();
          const answered = await thaiPage.goto(new URL('/qr-studios', app.baseUrl).href);
          expect(answered?.status() === 429, `the Thai reader got ${answered?.status()}`);
          await expectText(thaiPage, 'มีคำขอมากเกินไป');
          const lang = await thaiPage.locator('html').getAttribute('lang');
          expect(lang === 'th', `the Thai page is lang="${lang}"`);
        } finally {
          await thai.close();
        }

        // 5. Once the wait is over the page sends the visitor back (303), never off-site.
        const over = await fetch(
          new URL(`/too-many-requests?until=${Date.now() - 1000}&from=/qr-studios`, app.baseUrl),
          { redirect: 'manual' },
        );
        expect(over.status === 303, `an expired 429 page answered ${over.status}, expected 303`);
        expect(
          over.headers.get('location') === '/qr-studios',
          `it sends back to ${over.headers.get('location')}`,
        );
        const offSite = await fetch(
          new URL(`/too-many-requests?until=${Date.now() + 5000}&from=//evil.example/x`, app.baseUrl),
          { redirect: 'manual' },
        );
        await offSite.arrayBuffer();
        expect(offSite.status === 429, `a 429 page for an off-site "from" answered ${offSite.status}`);
        const offSiteOver = await fetch(
          new URL(`/too-many-requests?until=${Date.now() - 1000}&from=//evil.example/x`, app.baseUrl),
          { redirect: 'manual' },
        );
        expect(offSiteOver.headers.get('location') === '/', 'an off-site "from" is not followed');

        // 6. After waiting what Retry-After said, a reload of the 429 page brings back the page asked for.
        await page.waitForTimeout((secondsLeft + 1) * 1000);
        const back = await page.reload();
        expect(
          new URL(page.url()).pathname === '/qr-studios/search',
          `after the wait the reload ended on ${page.url()}`,
        );
        expect(back?.status() === 200, `after the wait the page answered ${back?.status()}`);
      } finally {
        await context.close();
        await app.stop();
      }
    },
  },
];

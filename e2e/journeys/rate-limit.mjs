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
// A page whose query string is its state: it must come back with it.
const SEARCH_PAGE = '/qr-studios/search?q=garage&sort=price_asc';

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
        // The way back keeps the query string (the search words, a category page's filters).
        const loaded = await page.goto(new URL(SEARCH_PAGE, app.baseUrl).href);
        const firstHop = await loaded?.request().redirectedFrom()?.response();
        expect(firstHop?.status() === 307, `the render answered ${firstHop?.status()}, expected 307`);
        const secondsLeft = await expectTooManyRequestsPage(page, loaded, {
          from: SEARCH_PAGE,
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
        // A tab or a backslash the browser would drop or turn into "/" does not make it off-site either.
        for (const from of ['/\t/evil.example', '/\\evil.example', '/.//evil.example']) {
          const sneaky = await fetch(
            new URL(
              `/too-many-requests?${new URLSearchParams({ until: String(Date.now() - 1000), from })}`,
              app.baseUrl,
            ),
            { redirect: 'manual' },
          );
          expect(
            sneaky.headers.get('location') === '/',
            `"from" ${JSON.stringify(from)} sends to ${sneaky.headers.get('location')}`,
          );
        }
        const filtered = '/qr-studios/search?q=garage&sort=newest';
        const overFiltered = await fetch(
          new URL(
            `/too-many-requests?${new URLSearchParams({ until: String(Date.now() - 1000), from: filtered })}`,
            app.baseUrl,
          ),
          { redirect: 'manual' },
        );
        expect(
          overFiltered.headers.get('location') === filtered,
          `the way back keeps the query: ${overFiltered.headers.get('location')}`,
        );

        // 6. Machines get a plain 429 with Retry-After on the very URL they asked for, no redirect.
        for (const file of ['/qr-studios/sitemap.xml', '/qr-studios/robots.txt']) {
          const crawled = await fetch(new URL(file, app.baseUrl), { redirect: 'manual' });
          const body = await crawled.text();
          const wait = Number(crawled.headers.get('retry-after'));
          expect(crawled.status === 429, `${file} answered ${crawled.status}, expected 429`);
          expect(!crawled.headers.get('location'), `${file} redirects to ${crawled.headers.get('location')}`);
          expect(wait >= 1 && wait <= apiRetryAfter, `${file} says Retry-After ${wait}`);
          expect(
            crawled.headers.get('content-type')?.startsWith('text/plain') && !body.includes('<html'),
            `${file} answers plain text, not the HTML page`,
          );
        }

        // 7. After waiting what Retry-After said, a reload of the 429 page brings back the page asked for,
        // query string and all: the search still has its words.
        await page.waitForTimeout((secondsLeft + 1) * 1000);
        const back = await page.reload();
        const returned = new URL(page.url());
        expect(
          `${returned.pathname}${returned.search}` === SEARCH_PAGE,
          `after the wait the reload ended on ${page.url()}`,
        );
        const words = await page
          .locator('input[name=q]')
          .evaluateAll((inputs) => inputs.map((input) => input.value));
        expect(words.includes('garage'), `the search page comes back with its words (${words.join(', ')})`);
        expect(back?.status() === 200, `after the wait the page answered ${back?.status()}`);
      } finally {
        await context.close();
        await app.stop();
      }
    },
  },
];

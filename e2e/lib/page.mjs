import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  // Where the admin's menu and its widest lists share the least room.
  laptop: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
};

export class CheckFailure extends Error {}

export function expect(condition, message) {
  if (!condition) throw new CheckFailure(message);
}

/** Waits for visible text on the page; fails with what the page showed instead. */
export async function expectText(page, text, timeout = 15_000) {
  try {
    await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout });
  } catch {
    const shown = await page
      .locator('main')
      .first()
      .ariaSnapshot({ timeout: 2_000 })
      .catch(() => '(no <main>)');
    throw new CheckFailure(`expected "${text}" on ${page.url()}; its <main> holds:\n${shown.slice(0, 800)}`);
  }
}

/**
 * Full-page screenshot into e2e/screenshots/<name>-<viewport>.png, of a page that does not scroll
 * sideways: wide content scrolls in a region of its own (WCAG 1.4.10 reflow). An absolutely placed
 * child of a scroller with no positioned box around it (a table's sr-only header) once escaped the
 * scroller and widened a whole phone page. Nor may a drop-down cut off the choice it shows: the
 * orders' "Any payment state" and the catalog's "Any category" once read "Any payment s" and
 * "Any catego" on a laptop.
 */
export async function screenshot(page, dir, name, viewport) {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}-${viewport}.png`);
  // Taken first, so a page that fails the check leaves its picture to look at.
  await page.screenshot({ path: file, fullPage: true });
  const [scrollWidth, clientWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(
    scrollWidth <= clientWidth,
    `${name} (${viewport}, ${page.url()}) scrolls sideways: ${scrollWidth} px wide in ${clientWidth}; see ${file}`,
  );
  const cut = await cutDropDowns(page);
  expect(
    cut.length === 0,
    `${name} (${viewport}, ${page.url()}) cuts off what a drop-down shows: ${cut.join('; ')}; see ${file}`,
  );
  return file;
}

/**
 * The visible drop-downs of the app's own content (its `main#main`; not a third-party page such as
 * Swagger UI) whose chosen option is wider than the room the select gives it: the text is
 * measured in the select's own font, against its width less padding and Chromium's arrow (20 px,
 * measured: a 158 px select with 12 px padding shows 114 px of text).
 */
async function cutDropDowns(page) {
  return page.evaluate(() => {
    const ARROW = 20;
    const measure = document.createElement('canvas').getContext('2d');
    const cut = [];
    for (const select of document.querySelectorAll('main#main select')) {
      const option = select.options[select.selectedIndex];
      if (!option || select.multiple || select.size > 1 || select.getClientRects().length === 0) continue;
      const style = getComputedStyle(select);
      measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room =
        select.clientWidth -
        Number.parseFloat(style.paddingLeft) -
        Number.parseFloat(style.paddingRight) -
        ARROW;
      const needed = measure.measureText(option.text.trim()).width;
      if (needed > room + 1) {
        const name = select.labels?.[0]?.textContent?.trim() || select.name || select.id;
        cut.push(
          `"${option.text.trim()}" in ${name} (${Math.round(needed)} px of text, ${Math.round(room)} px of room)`,
        );
      }
    }
    return cut;
  });
}

const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe (WCAG 2.1 A/AA) and fails on serious or critical violations; returns the milder ones.
 * `exclude`: selectors axe skips, e.g. `iframe[sandbox=""]`: a frame with scripts off cannot take axe
 * (Playwright's evaluate in it never settles) and its content is not the app's (a stored email).
 */
export async function expectAccessible(page, { exclude = [] } = {}) {
  // Once (Nov 23, admin order page right after turning a slip down, which refreshes the route) axe ran
  // while the document had no <title>; the same journey passed on its rerun. Wait briefly for a title;
  // a page that never gets one still fails below.
  await page.waitForFunction(() => document.title.trim() !== '', null, { timeout: 3_000 }).catch(() => {});
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const failing = results.violations.filter((violation) => FAILING_IMPACTS.has(violation.impact));
  if (failing.length > 0) {
    const lines = failing.map(
      (violation) =>
        `  ${violation.impact} ${violation.id}: ${violation.help}\n${violation.nodes
          .slice(0, 5)
          .map(
            (node) =>
              `    at ${node.target.join(' ')}${node.failureSummary ? `\n      ${node.failureSummary.replaceAll('\n', '\n      ')}` : ''}`,
          )
          .join('\n')}`,
    );
    throw new CheckFailure(
      `axe found ${failing.length} serious/critical issue(s) on ${page.url()}:\n${lines.join('\n')}`,
    );
  }
  return results.violations.map((violation) => `${violation.impact} ${violation.id}`);
}

/** From a fresh load, the first Tab must land on the skip link, and following it must focus <main>. */
export async function expectSkipLinkFirst(page) {
  // React may reveal streamed content a moment after `load`; the page is whole once <main> is visible.
  await page.locator('main#main').waitFor({ state: 'visible' });
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const element = document.activeElement;
    return element
      ? { tag: element.tagName, href: element.getAttribute('href'), text: element.textContent }
      : null;
  });
  expect(
    first?.tag === 'A' && first.href === '#main',
    `the first Tab on ${page.url()} focused ${JSON.stringify(first)}, not the skip link`,
  );
  await page.keyboard.press('Enter');
  const focusedMain = await page.evaluate(() => document.activeElement?.id === 'main');
  expect(focusedMain, `following the skip link on ${page.url()} did not move focus to <main id="main">`);
}

/**
 * Opens `pathname` at each viewport in a fresh browser context, checks it answered `status`, runs
 * `verify(page)`, saves a full-page screenshot and (for app pages) runs axe. Fails on page errors.
 */
export async function inspectPage(ctx, options) {
  const {
    path: pathname,
    name,
    status = 200,
    verify = async () => {},
    axe = true,
    colorScheme = 'light',
    viewports = Object.keys(VIEWPORTS),
    // A signed-in person's cookies (lib/session.mjs `signedInState`), for members-only pages.
    storageState,
  } = options;
  for (const viewport of viewports) {
    const context = await ctx.browser.newContext({
      viewport: VIEWPORTS[viewport],
      colorScheme,
      ...(storageState ? { storageState } : {}),
    });
    try {
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      const url = new URL(pathname, ctx.baseUrl).href;
      page.on('console', (message) => {
        // The browser logs a non-2xx document (an expected 404 or 429) as a failed resource; that is not
        // a fault, also when the page was redirected to that document.
        if (message.type() !== 'error' || [url, page.url()].includes(message.location().url)) return;
        problems.push(`console error: ${message.text()} (${message.location().url})`);
      });
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response?.status() === status, `${pathname} answered ${response?.status()}, expected ${status}`);
      await verify(page, viewport);
      // App pages are whole once their <main> is revealed (React can reveal streamed parts after `load`).
      if (axe) await page.locator('main#main').waitFor({ state: 'visible' });
      await page.evaluate(() => document.fonts.ready);
      await screenshot(page, ctx.screenshotDir, name, viewport);
      if (axe) {
        const milder = await expectAccessible(page);
        if (milder.length > 0) ctx.note(`${name} (${viewport}) axe, not failing: ${milder.join(', ')}`);
      }
      expect(problems.length === 0, `${pathname} (${viewport}) logged:\n  ${problems.join('\n  ')}`);
    } finally {
      await context.close();
    }
  }
}

/**
 * Fills the checkout's shipping or billing address as a shopper does: text fields typed, the country
 * chosen from its list (by ISO code, which is each option's value).
 */
export async function fillAddress(page, prefix, address) {
  for (const [field, value] of Object.entries(address)) {
    const input = page.locator(`#${prefix}-${field}`);
    if (field === 'country') await input.selectOption(value);
    else await input.fill(value);
  }
}

/**
 * Screenshots the page as it stands and runs axe on it (failing on serious or critical findings,
 * noting milder ones). By default at each of VIEWPORTS in turn, giving the page back at the size it had;
 * `at: 'phone'` takes one picture at the page's present size, named for that viewport. `axe` passes
 * options to expectAccessible (e.g. `{ exclude: [...] }`).
 */
export async function capture(ctx, page, name, { at, axe = {} } = {}) {
  const before = page.viewportSize();
  const sizes = at ? [[at, null]] : Object.entries(VIEWPORTS);
  for (const [viewport, size] of sizes) {
    if (size) await page.setViewportSize(size);
    await page.locator('main#main').waitFor({ state: 'visible' });
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, ctx.screenshotDir, name, viewport);
    const milder = await expectAccessible(page, axe);
    if (milder.length > 0) ctx.note(`${name} (${viewport}) axe, not failing: ${milder.join(', ')}`);
  }
  if (!at && before) await page.setViewportSize(before);
}

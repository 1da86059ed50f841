import { CheckFailure, capture, expect, expectText, screenshot, VIEWPORTS } from '../lib/page.mjs';

// Each demo studio's storefront, as a shopper uses it: home -> a category -> a filter -> a search with a
// typo (instant results, then the results page) -> the item -> another variant. The journey picks its
// targets from what the public catalog API says, so it follows the demo data instead of hard-coding it,
// and checks that the pages agree with the API. The UI may be English or Thai (qr-studios), so it finds
// controls by ids, hrefs and roles rather than by words.

const STUDIOS = ['tysun-mike-productions', 'electric-muse', 'volt-supply', 'focusflow-demo', 'qr-studios'];

const catalog = (slug, rest) => `/api/v1/studios/${slug}/catalog${rest}`;

/** GET JSON from the API, waiting out a 503 (the API sheds load on a busy machine). */
async function api(ctx, path) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.api(path);
    } catch (error) {
      if (attempt >= 4 || !String(error?.message).includes('answered 503')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

/** Waits until client components are interactive (the search box and the picker need it). */
async function settled(page) {
  await page.waitForLoadState('networkidle');
  await page.locator('main#main').waitFor({ state: 'visible' });
}

/** Typos of a name's longest word: two middle letters swapped, one dropped, one doubled. */
function typosOf(name) {
  const word = name
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => /^[a-z]+$/i.test(part) && part.length >= 5)
    .sort((a, b) => b.length - a.length)[0];
  if (!word) return [];
  const mid = Math.floor(word.length / 2);
  const swapped = `${word.slice(0, mid - 1)}${word[mid]}${word[mid - 1]}${word.slice(mid + 1)}`;
  const dropped = `${word.slice(0, mid)}${word.slice(mid + 1)}`;
  const doubled = `${word.slice(0, mid)}${word[mid]}${word.slice(mid)}`;
  return [...new Set([swapped, dropped, doubled])].filter(
    (typo) => typo.toLowerCase() !== word.toLowerCase(),
  );
}

/** The item to search for and open: one with options and several buyable variants when there is one. */
async function pickTarget(ctx, slug, items) {
  let fallback;
  for (const item of items.slice(0, 12)) {
    const detail = await api(ctx, catalog(slug, `/items/${item.slug}`));
    fallback ??= detail;
    if (typosOf(item.name).length === 0) continue;
    if (detail.options.length > 0 && detail.variants.filter((variant) => variant.available).length > 1)
      return detail;
  }
  if (!fallback) throw new CheckFailure(`${slug} has no published items`);
  return fallback;
}

/** A typo of the target's name that the search endpoint still answers with the target. */
async function findTypo(ctx, slug, detail) {
  const tried = [];
  for (const typo of typosOf(detail.item.name)) {
    const answer = await api(ctx, catalog(slug, `/search?${new URLSearchParams({ q: typo, limit: '8' })}`));
    tried.push(`${typo} -> ${answer.items.map((item) => item.slug).join(', ') || 'nothing'}`);
    if (answer.items.some((item) => item.slug === detail.item.slug)) return typo;
  }
  throw new CheckFailure(`no typo of "${detail.item.name}" finds it: ${tried.join('; ')}`);
}

/** The selection shown by the picker: option name -> checked value. */
async function shownSelection(page, options) {
  const selection = {};
  for (const [index, option] of options.entries()) {
    selection[option.name] = await page.locator(`input[name="option-${index}"]:checked`).inputValue();
  }
  return selection;
}

const sameValues = (variant, selection, options) =>
  options.every((option) => variant.optionValues[option.name] === selection[option.name]);

async function journey(ctx, slug) {
  const context = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const name = (step) => `storefront-${slug}-${step}`;
  try {
    const studio = await api(ctx, `/api/v1/studios/${slug}`);

    // 1. Home.
    const response = await page.goto(new URL(`/${slug}`, ctx.baseUrl).href);
    expect(response?.status() === 200, `/${slug} answered ${response?.status()}`);
    await settled(page);
    await expectText(page, studio.name);
    await capture(ctx, page, name('home'));

    // 2. Browse: the first top category with items, from the home page's category links.
    const { items: tree } = await api(ctx, catalog(slug, '/categories'));
    const root = tree.find((node) => node.parentId === null && node.itemCount > 0);
    let listPath;
    let listQuery = '';
    if (root) {
      listPath = `/${slug}/c/${root.slug}`;
      listQuery = `category=${encodeURIComponent(root.slug)}&`;
      await page.locator(`main a[href="${listPath}"]`).first().click();
      await page.waitForURL((url) => url.pathname === listPath);
      await expectText(page, root.name);
    } else {
      ctx.note(`${slug} has no categories: browsing everything instead`);
      listPath = `/${slug}/search`;
      await page.locator(`main a[href="${listPath}"]`).first().click();
      await page.waitForURL((url) => url.pathname === listPath);
    }
    await settled(page);
    await capture(ctx, page, name('category'));

    // 3. Filter: "in stock" (and the biggest brand, where there are brands), through the GET form.
    const before = await api(ctx, catalog(slug, `/items?${listQuery}limit=1`));
    const brand = before.facets?.brands?.[0];
    await page.locator('#d-in-stock').check();
    if (brand && before.facets.brands.length > 1) await page.locator(`#d-brand-${brand.slug}`).check();
    await page.locator('aside form button[type="submit"]').click();
    await page.waitForURL((url) => url.searchParams.get('inStock') === '1');
    const brandQuery =
      brand && before.facets.brands.length > 1 ? `brand=${encodeURIComponent(brand.slug)}&` : '';
    const filtered = await api(ctx, catalog(slug, `/items?${listQuery}${brandQuery}inStock=true&limit=24`));
    const status = (await page.getByTestId('result-count').textContent()) ?? '';
    expect(
      status.includes(String(filtered.facets.total)),
      `the filtered page says "${status}", the API counts ${filtered.facets.total}`,
    );
    const cards = await page.locator('main article h2 a').count();
    expect(
      cards === filtered.items.length,
      `the filtered page shows ${cards} items, the API ${filtered.items.length}`,
    );
    await settled(page);
    await capture(ctx, page, name('filtered'));

    // 4. Search with a typo: instant results as you type, then the full results page.
    // Anywhere in the catalog: the item with options may be in another category than the one browsed.
    const { items: everything } = await api(ctx, catalog(slug, '/items?limit=40'));
    const target = await pickTarget(ctx, slug, everything);
    const typo = await findTypo(ctx, slug, target);
    await page.locator(`header a[href="/${slug}/search"]`).click();
    await page.waitForURL((url) => url.pathname === `/${slug}/search`);
    await settled(page);
    const box = page.locator('main input[role="combobox"]');
    await box.pressSequentially(typo, { delay: 40 });
    const suggestion = page.getByRole('option').filter({ hasText: target.item.name }).first();
    await suggestion.waitFor({ state: 'visible', timeout: 10_000 });
    expect((await box.getAttribute('aria-expanded')) === 'true', 'the combobox is not expanded with results');
    await screenshot(page, ctx.screenshotDir, name('search-instant'), 'desktop');
    await box.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === typo);
    await settled(page);
    const card = page.locator('main article h2 a', { hasText: target.item.name }).first();
    await card.waitFor({ state: 'visible' });
    await capture(ctx, page, name('search'));

    // 5. Open the item.
    await card.click();
    await page.waitForURL((url) => url.pathname === `/${slug}/p/${target.item.slug}`);
    await settled(page);
    await expectText(page, target.item.name);
    const ld = await page.locator('script[type="application/ld+json"]').allTextContents();
    const product = ld.map((text) => JSON.parse(text)).find((data) => data['@type'] === 'Product');
    expect(product?.name === target.item.name, `no Product JSON-LD for ${target.item.name}`);
    expect(product.offers, `the Product JSON-LD of ${target.item.name} has no offers`);
    await capture(ctx, page, name('product'));

    // 6. Pick another variant: values that cannot be bought are disabled; the URL and form follow.
    const { options, variants } = target;
    if (options.length === 0) {
      ctx.note(`${slug}: "${target.item.name}" has no options; checked the single variant`);
      const variantId = await page.locator('form input[name="variantId"]').inputValue();
      expect(variantId === variants[0].id, `the form posts variant ${variantId}, not ${variants[0].id}`);
    } else {
      const start = await shownSelection(page, options);
      const values = options[0].values.filter((value) => value !== start[options[0].name]);
      let picked;
      for (const value of values) {
        const radio = page.locator(`input[name="option-0"][value="${value.replaceAll('"', '\\"')}"]`);
        if (await radio.isDisabled()) continue;
        await radio.locator('xpath=..').click();
        picked = value;
        break;
      }
      expect(picked, `no other buyable ${options[0].name} than ${start[options[0].name]}`);
      await page.waitForFunction(
        (value) => document.querySelector('input[name="option-0"]:checked')?.value === value,
        picked,
      );
      const selection = await shownSelection(page, options);
      const chosen = variants.find((variant) => sameValues(variant, selection, options));
      expect(chosen?.available, `the picker shows ${JSON.stringify(selection)}, which cannot be bought`);
      await page.waitForURL((url) => url.searchParams.get('variant') === chosen.id);
      const posted = await page.locator('form input[name="variantId"]').inputValue();
      expect(posted === chosen.id, `the form posts ${posted}, the picker shows ${chosen.id}`);
      // Every disabled value really has no buyable variant with the earlier choices.
      for (const [index, option] of options.entries()) {
        for (const value of option.values) {
          const disabled = await page
            .locator(`input[name="option-${index}"][value="${value.replaceAll('"', '\\"')}"]`)
            .isDisabled();
          const buyable = variants.some(
            (variant) =>
              variant.available &&
              variant.optionValues[option.name] === value &&
              options
                .slice(0, index)
                .every((earlier) => variant.optionValues[earlier.name] === selection[earlier.name]),
          );
          expect(
            disabled === !buyable || (disabled === false && selection[option.name] === value),
            `${option.name} ${value} is ${disabled ? 'disabled' : 'enabled'} but ${buyable ? 'can' : 'cannot'} be bought`,
          );
        }
      }
    }
    await capture(ctx, page, name('variant'));
    expect(problems.length === 0, `the journey logged:\n  ${problems.join('\n  ')}`);
  } finally {
    await context.close();
  }
}

async function seoFiles(ctx, slug) {
  const sitemap = await fetch(new URL(`/${slug}/sitemap.xml`, ctx.baseUrl));
  expect(sitemap.status === 200, `/${slug}/sitemap.xml answered ${sitemap.status}`);
  const xml = await sitemap.text();
  const data = await api(ctx, catalog(slug, '/sitemap'));
  for (const item of data.items.slice(0, 20)) {
    expect(xml.includes(`/${slug}/p/${item.slug}</loc>`), `the sitemap of ${slug} misses ${item.slug}`);
  }
  const robots = await fetch(new URL(`/${slug}/robots.txt`, ctx.baseUrl));
  const text = await robots.text();
  expect(
    robots.status === 200 && text.includes(`Sitemap: `) && text.includes(`/${slug}/sitemap.xml`),
    `/${slug}/robots.txt does not name the sitemap:\n${text}`,
  );
}

/**
 * A form sent before the page's scripts run (a slow phone, or scripts off) still works: the language
 * switcher is a server action, which Next refuses when the POST's Origin is "null", as browsers send it
 * under `Referrer-Policy: no-referrer` (the app's policy until Nov 22: a 500 page).
 */
async function formWithoutScripts(ctx) {
  const context = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const first = await page.goto(new URL('/electric-muse', ctx.baseUrl).href);
    const policy = first?.headers()['referrer-policy'];
    expect(policy === 'same-origin', `storefront pages are sent with Referrer-Policy ${policy}`);
    const [response] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.locator('form button[name=locale][value=th]').first().click(),
    ]);
    expect(response.status() < 400, `the language form without scripts answered ${response.status()}`);
    await page.waitForLoadState('load');
    const lang = await page.locator('html').getAttribute('lang');
    expect(lang === 'th', `after choosing Thai without scripts the page is in "${lang}"`);
  } finally {
    await context.close();
  }
}

/**
 * A picture that cannot be fetched (a file gone from storage, a signed link expired, a network blip)
 * leaves its muted box, as an item without pictures has, rather than the browser's broken-image icon.
 * The failure is made in the browser's network, the one place a shopper meets it.
 */
async function brokenPictures(ctx) {
  const context = await ctx.browser.newContext({ viewport: VIEWPORTS.phone });
  try {
    const page = await context.newPage();
    await page.route('**/api/files/**', (route) => route.abort('connectionfailed'));
    await page.goto(new URL('/electric-muse', ctx.baseUrl).href);
    await page.waitForLoadState('load');
    // Each failure is marked by its error event; wait for the first before reading them all.
    await page.locator('main img[data-broken]').first().waitFor({ state: 'attached' });
    // Lazy pictures below the fold have not been asked for yet; the others have failed by `load`.
    const pictures = await page.locator('main img').evaluateAll((images) =>
      images
        .filter((image) => image.complete)
        .map((image) => ({
          broken: image.hasAttribute('data-broken'),
          opacity: getComputedStyle(image).opacity,
          box: getComputedStyle(image.parentElement).backgroundColor,
        })),
    );
    expect(pictures.length > 0, 'the Electric Muse home shows no pictures to fail');
    const shown = pictures.filter((picture) => !picture.broken || picture.opacity !== '0');
    expect(
      shown.length === 0,
      `${shown.length} of ${pictures.length} pictures that failed to load are still drawn: ${JSON.stringify(shown[0])}`,
    );
    const bare = pictures.filter((picture) => picture.box === 'rgba(0, 0, 0, 0)');
    expect(bare.length === 0, `${bare.length} failed pictures have no box behind them`);
    await screenshot(page, ctx.screenshotDir, 'storefront-broken-pictures', 'phone');
  } finally {
    await context.close();
  }
}

/** The phone menu floats over the page: Escape closes it (focus back on its button), as a tap elsewhere does. */
async function phoneMenu(ctx) {
  const context = await ctx.browser.newContext({ viewport: VIEWPORTS.phone });
  try {
    const page = await context.newPage();
    await page.goto(new URL('/volt-supply', ctx.baseUrl).href);
    const menu = page.locator('header details[data-popover]');
    const button = menu.locator('summary');
    const isOpen = () => menu.evaluate((details) => details.open);
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await isOpen(), 'Enter on the menu button does not open the menu');
    await page.keyboard.press('Escape');
    expect(!(await isOpen()), 'Escape leaves the phone menu open');
    expect(
      await button.evaluate((summary) => document.activeElement === summary),
      'after Escape, focus is not back on the menu button',
    );
    await button.click();
    expect(await isOpen(), 'a tap on the menu button does not open the menu');
    // The page's left edge, beside the menu (which opens leftwards from the right).
    await page.locator('main').click({ position: { x: 4, y: 4 } });
    expect(!(await isOpen()), 'a tap outside leaves the phone menu open');
  } finally {
    await context.close();
  }
}

export const checks = [
  ...STUDIOS.map((slug) => ({
    name: `${slug} storefront: browse -> filter -> search with a typo -> open item -> pick variant`,
    run: (ctx) => journey(ctx, slug),
  })),
  {
    name: 'storefront form without scripts: the language switcher posts and the page turns Thai',
    run: formWithoutScripts,
  },
  {
    name: 'storefront pictures that fail to load leave their box, not a broken-image icon',
    run: brokenPictures,
  },
  {
    name: 'storefront phone menu closes with Escape and with a tap elsewhere',
    run: phoneMenu,
  },
  {
    name: 'storefront sitemap.xml and robots.txt for every studio',
    async run(ctx) {
      for (const slug of STUDIOS) await seoFiles(ctx, slug);
    },
  },
];

import { randomBytes } from 'node:crypto';
import { CheckFailure, capture, expect, expectText, screenshot } from '../lib/page.mjs';
import { signedInPage } from '../lib/session.mjs';

// Signs in like team.mjs does, so it runs before identity.mjs (order 100) locks sign-in for 127.0.0.1.
export const order = 20;

const STUDIO = 'electric-muse';
const OWNER = 'jolene@electric-muse.test';
const ADMIN = `/${STUDIO}/admin/catalog`;
const API = `/api/v1/studios/${STUDIO}/admin/catalog`;
const run = randomBytes(3).toString('hex');

const ownerPage = (ctx) => signedInPage(ctx, OWNER);

/** Opens an admin page and waits until it is interactive (client components hydrated). */
async function open(ctx, page, path) {
  const response = await page.goto(new URL(path, ctx.baseUrl).href);
  expect(response?.status() === 200, `${path} answered ${response?.status()}`);
  await page.locator('main#main').waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
}

/** GET an admin route as the signed-in page (its cookies), as JSON. */
async function adminGet(ctx, page, path) {
  const response = await page.request.get(new URL(path, ctx.baseUrl).href);
  if (!response.ok())
    throw new CheckFailure(`GET ${path} answered ${response.status()}: ${await response.text()}`);
  return response.json();
}

function noPageErrors(problems) {
  expect(problems.length === 0, `the page logged:\n  ${problems.join('\n  ')}`);
}

/** Adds an option axis with its values through the chips editor. */
async function addOption(page, index, name, values) {
  await page.getByRole('button', { name: 'Add an option' }).click();
  await page.getByLabel(`Option ${index}`, { exact: true }).fill(name);
  await page.getByLabel(`New value for ${name}`, { exact: true }).fill(values.join(', '));
  await page.getByLabel(`New value for ${name}`, { exact: true }).press('Enter');
  for (const value of values) {
    await page.getByRole('button', { name: `Remove ${value} from ${name}` }).waitFor();
  }
}

export const checks = [
  {
    name: 'catalog admin: create a print with a Size x Finish variant matrix, live and API errors on the fields',
    async run(ctx) {
      const { context, page, problems } = await ownerPage(ctx);
      try {
        await open(ctx, page, ADMIN);
        await expectText(page, 'Metal print');
        await capture(ctx, page, 'catalog-admin-list');

        await open(ctx, page, `${ADMIN}/new?kind=product`);
        await expectText(page, 'New Product');
        const name = `Gallery print ${run}`;

        // Live validation: a field left empty says so as soon as it is left.
        await page.getByLabel('Name', { exact: true }).focus();
        await page.getByLabel('Summary', { exact: true }).focus();
        await expectText(page, 'Required.');
        await page.getByLabel('Name', { exact: true }).fill(name);
        expect(
          (await page.getByLabel('Web address', { exact: true }).inputValue()) === `gallery-print-${run}`,
          'the slug does not follow the name',
        );
        await page.getByLabel('Sold per', { exact: true }).fill('pcs');

        await addOption(page, 1, 'Size', ['A4', 'A3']);
        await addOption(page, 2, 'Finish', ['Matte', 'Gloss']);
        await page.getByRole('button', { name: 'Generate variants' }).click();
        await expectText(page, '4 variants: 4 added, 1 removed.');
        const rows = page.getByTestId('variant-grid').locator('tbody tr');
        expect((await rows.count()) === 4, `the grid has ${await rows.count()} rows, not 4`);

        await page.getByLabel('Price for all (USD)', { exact: true }).fill('45');
        await page.getByRole('button', { name: 'Apply to every variant' }).click();
        await page.getByLabel('Price of A3 / Gloss', { exact: true }).fill('65.50');
        await page.getByLabel('Stock of A4 / Matte', { exact: true }).fill('12');
        // A compare-at price below the price is refused while typing, next to that input.
        const compareAt = page.getByLabel('Compare-at price of A4 / Matte', { exact: true });
        await compareAt.fill('10');
        await compareAt.blur();
        await expectText(page, 'The compare-at price must be higher than the price.');
        expect(
          (await compareAt.getAttribute('aria-invalid')) === 'true',
          'the compare-at input is not marked invalid',
        );
        await compareAt.fill('55');
        await capture(ctx, page, 'catalog-admin-new-product');

        if (process.env.E2E_DEBUG)
          page.on('request', (request) => {
            if (request.method() === 'POST') console.log(request.url(), request.postData());
          });
        await page.getByRole('button', { name: 'Create', exact: true }).click();
        await page.waitForURL(/\/admin\/catalog\/[0-9a-f-]{36}\?created=1$/, { timeout: 30_000 });
        await expectText(page, 'Created. Add images below');
        const id = new URL(page.url()).pathname.split('/').pop();
        const item = await adminGet(ctx, page, `${API}/items/${id}`);
        expect(item.variants.length === 4, `the item has ${item.variants.length} variants`);
        const a3Gloss = item.variants.find(
          (v) => v.optionValues.Size === 'A3' && v.optionValues.Finish === 'Gloss',
        );
        expect(a3Gloss?.priceMinor === 6550, `A3 / Gloss costs ${a3Gloss?.priceMinor}, not 6550`);
        const a4Matte = item.variants.find(
          (v) => v.optionValues.Size === 'A4' && v.optionValues.Finish === 'Matte',
        );
        expect(
          a4Matte?.stock === 12 && a4Matte.compareAtMinor === 5500,
          'A4 / Matte lost its stock or compare-at',
        );
        expect(item.priceFromMinor === 4500, `the item's "from" price is ${item.priceFromMinor}`);
        await page.waitForLoadState('networkidle');
        await capture(ctx, page, 'catalog-admin-edit-product');

        // Bulk: find it in the list, select it and publish it.
        await open(ctx, page, `${ADMIN}?q=${encodeURIComponent(name)}`);
        await page.getByLabel(`Select ${name}`, { exact: true }).check();
        await expectText(page, '1 item selected');
        await page.getByLabel('Action', { exact: true }).selectOption('publish');
        await page.getByRole('button', { name: 'Apply', exact: true }).click();
        await expectText(page, '1 item published.');
        const published = await adminGet(ctx, page, `${API}/items/${id}`);
        expect(published.status === 'published', `after the bulk publish the item is ${published.status}`);
        // And archive it again, so the demo storefront stays as the storefront journeys expect it.
        await page.getByLabel(`Select ${name}`, { exact: true }).check();
        await page.getByLabel('Action', { exact: true }).selectOption('archive');
        await page.getByRole('button', { name: 'Apply', exact: true }).click();
        await expectText(page, '1 item archived.');

        // The API's 409 naming the slug lands next to the slug input of a second item with that slug.
        await open(ctx, page, `${ADMIN}/new?kind=product`);
        await page.getByLabel('Name', { exact: true }).fill(name);
        await page.getByLabel('Price of Default', { exact: true }).fill('10');
        await page.getByRole('button', { name: 'Create', exact: true }).click();
        const slug = page.getByLabel('Web address', { exact: true });
        await page.locator('[data-field-error="slug"]').waitFor({ timeout: 15_000 });
        expect((await slug.getAttribute('aria-invalid')) === 'true', 'the slug input is not marked invalid');
        // Worded by the page from the rule the API names (slug.taken), not the API's English sentence.
        const said = (await page.locator('[data-field-error="slug"]').textContent()) ?? '';
        expect(said.includes('already uses the address'), `the slug error reads "${said}"`);
        const focused = await page.evaluate(() => document.activeElement?.getAttribute('name'));
        expect(focused === 'slug', `after the 409 focus is on ${focused}, not the slug`);
        await screenshot(page, ctx.screenshotDir, 'catalog-admin-slug-taken', 'desktop');
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'catalog admin: schedule a flash sale in the studio time zone (end before start refused)',
    async run(ctx) {
      const { context, page, problems } = await ownerPage(ctx);
      try {
        await open(ctx, page, `${ADMIN}/flash-sales`);
        await expectText(page, 'Times are in the studio');
        await page.getByPlaceholder('Find an item by name or SKU').fill('Metal print');
        await page.getByRole('button', { name: 'Find', exact: true }).click();
        await page.getByRole('button', { name: 'Put Metal print on sale' }).click();
        await page.getByLabel('Percentage off', { exact: true }).fill('20');
        await page.getByLabel('Name', { exact: true }).fill(`Weekend ${run}`);

        // The studio's clock: tomorrow 09:00 to 18:00; an end before the start is refused on the spot.
        const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
        await page.getByLabel('Starts', { exact: true }).fill(`${tomorrow}T09:00`);
        await page.getByLabel('Ends', { exact: true }).fill(`${tomorrow}T08:00`);
        await expectText(page, 'The sale must end after it starts.');
        await page.getByLabel('Ends', { exact: true }).fill(`${tomorrow}T18:00`);
        await page.getByRole('button', { name: 'Schedule sale' }).click();
        await expectText(page, 'Sale on Metal print saved: scheduled.');
        const scheduled = page.getByTestId('flash-sales-scheduled');
        await expectText(page, `Weekend ${run}`);
        expect(
          (await scheduled.textContent())?.includes('20% off'),
          'the scheduled list does not show the 20 % rule',
        );

        const sales = await adminGet(ctx, page, `${API}/flash-sales?limit=100`);
        const sale = sales.items.find((s) => s.name === `Weekend ${run}`);
        expect(
          sale?.state === 'scheduled' && sale.percentOff === 20,
          `the API holds ${JSON.stringify(sale)}`,
        );
        // 09:00 on the studio's clock, whatever the browser's zone is.
        const studio = await ctx.api(`/api/v1/studios/${STUDIO}`);
        const wall = new Intl.DateTimeFormat('en-GB', {
          timeZone: studio.timezone,
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(new Date(sale.startsAt));
        expect(wall === '09:00', `the sale starts at ${wall} in ${studio.timezone}, not 09:00`);
        await capture(ctx, page, 'catalog-admin-flash-sales');

        // Cancel it again, so re-runs against the same data start clean.
        await page.getByRole('button', { name: 'Cancel the sale on Metal print' }).first().click();
        await expectText(page, 'Sale on Metal print cancelled.');
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'catalog admin: import a CSV with bad rows, watch it finish, read the rejected rows',
    async run(ctx) {
      const { context, page, problems } = await ownerPage(ctx);
      try {
        await open(ctx, page, `${ADMIN}/import`);
        const csv = [
          'sku,name,price,stock,kind,status,category,brand',
          `EM-${run}-1,Poster ${run} one,12.50,5,product,draft,Posters > Gig posters,Electric Muse`,
          `EM-${run}-2,Poster ${run} two,-3,5,product,draft,Posters,Electric Muse`,
          `EM-${run}-3,,9.00,5,product,draft,Posters,Electric Muse`,
          `EM-${run}-4,Poster ${run} four,9.00,-1,product,draft,Posters,Electric Muse`,
          `EM-${run}-5,Poster ${run} five,9.00,1,gadget,draft,Posters,Electric Muse`,
          `EM-${run}-6,Poster ${run} six,20,,product,draft,Posters,`,
        ].join('\n');
        await page.getByLabel('CSV file', { exact: true }).setInputFiles({
          name: `posters-${run}.csv`,
          mimeType: 'text/csv',
          buffer: Buffer.from(csv),
        });
        await page.getByRole('button', { name: 'Start import' }).click();
        const report = page.getByTestId('import-report');
        await report.waitFor();
        expect(await report.locator('progress').count(), 'no progress bar while the import runs');
        await expectText(page, 'Finished', 60_000);
        await expectText(page, 'Rejected rows');
        const counts = await report.locator('dd').allTextContents();
        expect(counts.join('|') === '2|0|4', `created|updated|rejected read ${counts.join('|')}, not 2|0|4`);
        const rejected = await page
          .getByTestId('rejected-rows')
          .locator('tbody tr')
          .evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
        const rowsAndColumns = rejected.map(([row, column]) => `${row}:${column}`);
        expect(
          JSON.stringify(rowsAndColumns) === JSON.stringify(['3:price', '4:name', '5:stock', '6:kind']),
          `the rejected rows read ${JSON.stringify(rejected)}`,
        );
        await capture(ctx, page, 'catalog-admin-import');

        // The report stays reachable from the list of recent imports.
        await open(ctx, page, `${ADMIN}/import`);
        await page
          .getByRole('link', { name: `posters-${run}.csv` })
          .first()
          .click();
        await page.waitForURL('**/import?import=**');
        await expectText(page, 'Rejected rows');
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'catalog admin: build a category tree and reorder it by keyboard',
    async run(ctx) {
      const { context, page, problems } = await ownerPage(ctx);
      try {
        await open(ctx, page, `${ADMIN}/categories`);
        const add = async (label, name, button = 'Add') => {
          await page.getByRole('button', { name: label }).click();
          await page.getByLabel('Name', { exact: true }).fill(name);
          await page.getByRole('button', { name: button, exact: true }).click();
          await expectText(page, `${name} added.`);
        };
        await add('Add a top-level category', `Prints ${run}`);
        await add('Add a top-level category', `Sessions ${run}`);
        await add(`Add a category inside Prints ${run}`, `Metal ${run}`);
        await add(`Add a category inside Prints ${run}`, `Paper ${run}`);

        // Keyboard: Paper moves above Metal with its "up" button, and focus stays on that button.
        const up = page.getByRole('button', { name: `Move Paper ${run} up` });
        await up.focus();
        await page.keyboard.press('Enter');
        await expectText(page, `Paper ${run} is now 1 of 2 in Prints ${run}.`);
        // Outdent: Metal leaves Prints for the top level, after it.
        await page.getByRole('button', { name: `Move Metal ${run} out of its parent` }).click();
        await expectText(page, `Metal ${run} is now`);
        const tree = await adminGet(ctx, page, `${API}/categories`);
        const byName = Object.fromEntries(tree.items.map((c) => [c.name, c]));
        expect(byName[`Metal ${run}`]?.parentId === null, 'Metal did not move to the top level');
        expect(
          byName[`Paper ${run}`]?.parentId === byName[`Prints ${run}`]?.id,
          'Paper is no longer inside Prints',
        );
        await capture(ctx, page, 'catalog-admin-categories');

        // Deleting a category with a subcategory says so; the subcategory moves up a level.
        await page.getByRole('button', { name: `Delete Prints ${run}` }).click();
        await expectText(page, 'Its subcategories move up one level.');
        await page.getByRole('button', { name: 'Delete', exact: true }).click();
        await expectText(page, `Prints ${run} deleted.`);
        const after = await adminGet(ctx, page, `${API}/categories`);
        const paper = after.items.find((c) => c.name === `Paper ${run}`);
        expect(paper?.parentId === null, 'Paper did not move up when Prints was deleted');
        for (const leftover of [`Paper ${run}`, `Metal ${run}`, `Sessions ${run}`]) {
          await page.getByRole('button', { name: `Delete ${leftover}` }).click();
          await page.getByRole('button', { name: 'Delete', exact: true }).click();
          await expectText(page, `${leftover} deleted.`);
        }
        noPageErrors(problems);
      } finally {
        await context.close();
      }
    },
  },
];

import { VIEWPORTS } from './page.mjs';

export const DEMO_PASSWORD = 'atelier-demo-password';

/** Fills and submits the sign-in form on the current page. */
export async function signIn(page, email, password) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Signs `email` in through the real sign-in page once and returns the context's storage state, so
 * checks can open members-only pages in fresh contexts (one sign-in per person: the API counts them).
 */
export async function signedInState(ctx, email, password = DEMO_PASSWORD) {
  const context = await ctx.browser.newContext({ viewport: VIEWPORTS.desktop });
  try {
    const page = await context.newPage();
    await page.goto(new URL('/sign-in?next=/account', ctx.baseUrl).href);
    await signIn(page, email, password);
    await page.waitForURL((url) => url.pathname === '/account');
    return await context.storageState();
  } finally {
    await context.close();
  }
}

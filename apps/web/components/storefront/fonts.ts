import localFont from 'next/font/local';

/**
 * The storefront's fonts: the same Inter and Noto Sans Thai as the rest of the app (app/layout.tsx, from
 * @fontsource), loaded through next/font so that on a phone they cannot move the page:
 * - `display: 'optional'`: a font that has not arrived by the first paint is not swapped in later (that
 *   swap re-wrapped breadcrumbs and titles and shifted the whole product page); it is used from the
 *   next page on, from the cache.
 * - Inter is preloaded (only the Latin subset, 48 KB), so it usually is there for the first paint.
 * - The fallback is Arial resized to Inter's metrics, so the two take the same room.
 * Thai is not preloaded: only the Thai studios need it, and phones have a Thai system font meanwhile.
 */
export const storefrontSans = localFont({
  src: '../../../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  weight: '100 900',
  display: 'optional',
  preload: true,
  adjustFontFallback: 'Arial',
  variable: '--font-storefront-sans',
});

export const storefrontThai = localFont({
  src: [
    {
      path: '../../../../node_modules/@fontsource/noto-sans-thai/files/noto-sans-thai-thai-400-normal.woff2',
      weight: '400',
    },
    {
      path: '../../../../node_modules/@fontsource/noto-sans-thai/files/noto-sans-thai-thai-600-normal.woff2',
      weight: '600',
    },
    {
      path: '../../../../node_modules/@fontsource/noto-sans-thai/files/noto-sans-thai-thai-700-normal.woff2',
      weight: '700',
    },
  ],
  display: 'optional',
  preload: false,
  adjustFontFallback: false,
  variable: '--font-storefront-thai',
});

/** Class names and style for the element around every storefront page. */
export const storefrontFontClasses = `${storefrontSans.variable} ${storefrontThai.variable}`;
export const storefrontFontFamily =
  'var(--font-storefront-sans), var(--font-storefront-thai), ui-sans-serif, system-ui, sans-serif';

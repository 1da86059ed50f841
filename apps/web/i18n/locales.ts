export const LOCALES = ['en', 'th'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Set by the language switcher; wins over everything else. */
export const LOCALE_COOKIE = 'locale';

/** The request path, forwarded by proxy.ts so the request config can tell studio pages apart. */
export const PATHNAME_HEADER = 'x-atelier-pathname';

// The API's own studio slug pattern, so a path that cannot be a studio never costs an API call.
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

// The platform's own top-level pages: never a studio, so no studio lookup for them. Every top-level
// folder of app/ but [studio] (lib/platform-segments.test.ts checks it against the folders).
export const PLATFORM_SEGMENTS: ReadonlySet<string> = new Set([
  'account',
  'sign-in',
  'sign-up',
  'verify-email',
  'forgot-password',
  'reset-password',
  'two-factor',
  'studios',
  'invitations',
  'too-many-requests',
]);

/** A studio slug is the first path segment, e.g. `/qr-studios/portal` -> `qr-studios`. */
export function studioSlugFromPath(pathname: string | null): string | undefined {
  const first = pathname?.split('/')[1];
  return first && isStudioSlug(first) && !PLATFORM_SEGMENTS.has(first) ? first : undefined;
}

/**
 * The studio whose language a page takes when the visitor has not chosen one: a studio page's own (its
 * path), or, on a platform page, the studio it was reached from: `/account?from=qr-studios` (the portal's
 * Account section) or `/sign-in?next=/qr-studios/portal`. So a Thai studio's client reads its sign-in and
 * account pages in Thai, as they read the studio.
 */
export function studioSlugOfPage(pathname: string | null, search: string | null): string | undefined {
  const own = studioSlugFromPath(pathname);
  if (own || !search) return own;
  const params = new URLSearchParams(search);
  const from = params.get('from');
  if (from) return isStudioSlug(from) && !PLATFORM_SEGMENTS.has(from) ? from : undefined;
  const next = params.get('next');
  // Only a path on this site (not `//elsewhere`), as safeNextPath takes it.
  return next?.startsWith('/') && !next.startsWith('//') ? studioSlugFromPath(next) : undefined;
}

export function isStudioSlug(value: string): boolean {
  return SLUG.test(value);
}

/** The best supported locale in an Accept-Language header, by quality, e.g. `th-TH,th;q=0.9,en;q=0.8`. */
export function negotiateLocale(acceptLanguage: string | null): Locale | undefined {
  if (!acceptLanguage) return undefined;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((param) => param.trim().startsWith('q='));
      return { language: tag.trim().toLowerCase().split('-')[0], quality: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => Number.isFinite(entry.quality) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality);
  return ranked.find((entry) => isLocale(entry.language))?.language as Locale | undefined;
}

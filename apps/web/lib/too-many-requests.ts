/**
 * The page a visitor over the API's rate limit gets: a real HTTP 429 with Retry-After.
 *
 * Why a redirect to a route handler: Next's app router cannot give a page render any status but 200,
 * the redirect codes, 500, and the 401/403/404 of unauthorized()/forbidden()/notFound() (the only codes
 * its HTTP-access interrupts accept); an error thrown to error.tsx cannot set one either. A route handler
 * can answer any status. So a server render whose API call answers 429 redirects (307) here, with the
 * moment the limit lifts and the path to come back to, and this page answers 429 + Retry-After with the
 * seconds still to wait. It makes no API call of its own (that would be limited too), so it is plain
 * HTML with its strings below rather than a React page under next-intl's request config, which looks
 * the studio up in the API.
 *
 * This file is pure (no Next imports) so its rules have unit tests; lib/outcome.ts does the redirect and
 * app/too-many-requests/route.ts answers.
 */
import { DEFAULT_LOCALE, isLocale, type Locale, negotiateLocale } from '../i18n/locales';
import { safeNextPath } from './next-path';

export const TOO_MANY_REQUESTS_PATH = '/too-many-requests';

// The API's window is one minute (apps/api/src/app.ts): without a Retry-After, wait that long.
const DEFAULT_WAIT_SECONDS = 60;
// A hand-edited `until` must not make the page promise an absurd wait.
const MAX_WAIT_SECONDS = 60 * 60;

/**
 * Where to send a visitor whose render got a 429: the moment the limit lifts (`until`, epoch ms, from
 * the API's Retry-After) and the page they asked for (`from`, a same-origin path).
 */
/** Seconds to wait: the API's Retry-After (whole seconds, at most an hour), else its one-minute window. */
export function waitSeconds(retryAfterSeconds: number | undefined): number {
  return retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
    ? Math.min(Math.ceil(retryAfterSeconds), MAX_WAIT_SECONDS)
    : DEFAULT_WAIT_SECONDS;
}

export function tooManyRequestsLocation(
  retryAfterSeconds: number | undefined,
  from: string | null | undefined,
  now: number = Date.now(),
): string {
  const wait = waitSeconds(retryAfterSeconds);
  const query = new URLSearchParams({ until: String(now + wait * 1000), from: safeNextPath(from, '/') });
  return `${TOO_MANY_REQUESTS_PATH}?${query}`;
}

/**
 * What the 429 page answers for its URL: still waiting (seconds left, at least 1), or the wait is over
 * (or was never there: a missing or malformed `until`), so the visitor goes back to `from`.
 */
export function readTooManyRequests(
  searchParams: URLSearchParams,
  now: number = Date.now(),
): { over: false; secondsLeft: number; from: string } | { over: true; from: string } {
  const from = safeNextPath(searchParams.get('from'), '/');
  const until = Number(searchParams.get('until') ?? Number.NaN);
  if (!Number.isSafeInteger(until) || until <= now) return { over: true, from };
  return { over: false, secondsLeft: Math.min(Math.ceil((until - now) / 1000), MAX_WAIT_SECONDS), from };
}

/** The reader's language without the API: the switcher's cookie, else Accept-Language, else English. */
export function tooManyRequestsLocale(
  cookieLocale: string | undefined,
  acceptLanguage: string | null,
): Locale {
  return (
    (isLocale(cookieLocale) ? cookieLocale : undefined) ?? negotiateLocale(acceptLanguage) ?? DEFAULT_LOCALE
  );
}

// The page's own strings (it cannot use next-intl's request config: see the top of this file).
const COPY: Record<Locale, { title: string; retry: string; home: string; skip: string; why: string }> = {
  en: {
    title: 'Too many requests',
    why: 'This address has asked for a lot of pages in a short time, so the studio service is pausing it for a moment. Nothing you did is lost.',
    retry: 'Try again',
    home: 'All studios',
    skip: 'Skip to content',
  },
  th: {
    title: 'มีคำขอมากเกินไป',
    why: 'ที่อยู่นี้ขอหน้าเว็บจำนวนมากในเวลาสั้น ๆ บริการของสตูดิโอจึงหยุดพักชั่วครู่ สิ่งที่คุณทำไว้ไม่สูญหาย',
    retry: 'ลองอีกครั้ง',
    home: 'สตูดิโอทั้งหมด',
    skip: 'ข้ามไปยังเนื้อหา',
  },
};

/** "Too many requests — try again in 42 seconds." in the reader's language (Intl words the wait). */
export function tooManyRequestsHeadline(locale: Locale, secondsLeft: number): string {
  const wait = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const when =
    secondsLeft > 90
      ? wait.format(Math.ceil(secondsLeft / 60), 'minute')
      : wait.format(Math.max(1, secondsLeft), 'second');
  return locale === 'th' ? `${COPY.th.title} — โปรดลองอีกครั้ง${when}` : `${COPY.en.title} — try again ${when}.`;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[char] ?? char,
  );

/**
 * The whole page: one h1 with the wait, why it happened, a link back to the page asked for and one to
 * the studio list. Colours pass WCAG AA in light and dark; the skip link and `main#main` match every
 * other page.
 */
export function tooManyRequestsHtml(page: { locale: Locale; secondsLeft: number; from: string }): string {
  const copy = COPY[page.locale];
  const headline = escapeHtml(tooManyRequestsHeadline(page.locale, page.secondsLeft));
  return `<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(copy.title)} · Atelier</title>
<style>
:root{color-scheme:light dark;--bg:#fff;--fg:#18181b;--muted:#52525b;--line:#d4d4d8;--accent:#18181b;--on-accent:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#09090b;--fg:#fafafa;--muted:#a1a1aa;--line:#3f3f46;--accent:#fafafa;--on-accent:#09090b}}
*{box-sizing:border-box}
body{margin:0;min-height:100dvh;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans Thai",sans-serif}
a{color:inherit}
a:focus-visible,main:focus-visible{outline:2px solid var(--fg);outline-offset:2px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:12px;top:12px;padding:8px 16px;border-radius:6px;background:var(--accent);color:var(--on-accent)}
header{border-bottom:1px solid var(--line)}
header div,main{max-width:42rem;margin:0 auto;padding:0 16px}
header div{display:flex;align-items:center;height:64px;font-weight:600}
header a{text-decoration:none}
main{padding-top:64px;padding-bottom:64px}
section{border:1px dashed var(--line);border-radius:12px;padding:48px 24px;text-align:center}
h1{font-size:1.125rem;margin:0 0 12px;text-wrap:balance}
p{margin:0 auto;max-width:36rem;color:var(--muted);font-size:.875rem}
.actions{margin-top:20px;display:flex;flex-wrap:wrap;gap:8px;justify-content:center}
.actions a{display:inline-flex;align-items:center;height:40px;padding:0 16px;border-radius:6px;border:1px solid var(--line);font-size:.875rem;font-weight:500;text-decoration:none}
.actions a.primary{background:var(--accent);border-color:var(--accent);color:var(--on-accent)}
</style>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(copy.skip)}</a>
<header><div><a href="/">Atelier</a></div></header>
<main id="main" tabindex="-1">
<section>
<h1>${headline}</h1>
<p>${escapeHtml(copy.why)}</p>
<div class="actions">
<a class="primary" href="${escapeHtml(page.from)}">${escapeHtml(copy.retry)}</a>
<a href="/">${escapeHtml(copy.home)}</a>
</div>
</section>
</main>
</body>
</html>
`;
}

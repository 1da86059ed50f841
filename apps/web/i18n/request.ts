import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { loadStudio } from '@/lib/api';
import { SEARCH_HEADER } from '@/lib/return-path';
import {
  DEFAULT_LOCALE,
  isLocale,
  LOCALE_COOKIE,
  type Locale,
  negotiateLocale,
  PATHNAME_HEADER,
  studioSlugOfPage,
} from './locales';

// Without locale-prefixed URLs the locale comes from, in order: the `locale` cookie, the studio's own
// locale on studio pages and on the platform pages reached from one (studioSlugOfPage), Accept-Language,
// then English.
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const slug = studioSlugOfPage(headerList.get(PATHNAME_HEADER), headerList.get(SEARCH_HEADER));
  const studio = slug ? await loadStudio(slug) : undefined;
  const studioLocale = studio?.ok && isLocale(studio.value.locale) ? studio.value.locale : undefined;
  const cookieLocale = cookieStore.get(LOCALE_COOKIE)?.value;

  const locale: Locale =
    (isLocale(cookieLocale) ? cookieLocale : undefined) ??
    studioLocale ??
    negotiateLocale(headerList.get('accept-language')) ??
    DEFAULT_LOCALE;

  return {
    locale,
    timeZone: studio?.ok ? studio.value.timezone : 'UTC',
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});

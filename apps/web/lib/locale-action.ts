'use server';

import { refresh } from 'next/cache';
import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE } from '@/i18n/locales';

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

/** The language switcher's form action: remember the choice and re-render the page in it. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formData.get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: ONE_YEAR_SECONDS, sameSite: 'lax' });
  refresh();
}

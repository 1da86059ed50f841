import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALES } from '@/i18n/locales';
import { cn } from '@/lib/cn';
import { setLocale } from '@/lib/locale-action';

// Each language is named in itself, so a reader of either can find their own.
const NATIVE_NAMES = { en: 'EN', th: 'ไทย' } as const;

/**
 * A form of two buttons: works without JavaScript and sets the `locale` cookie through a server action.
 * On a phone only the other language's button is shown: the page itself says which language it is in,
 * and the pressed one cost the header the width the studio's name and the area ("Studio admin · Owner")
 * need.
 */
export async function LocaleSwitcher() {
  const [current, t] = await Promise.all([getLocale(), getTranslations('Locale')]);
  return (
    <form action={setLocale}>
      <fieldset className="flex rounded-md border border-input p-0.5">
        <legend className="sr-only">{t('label')}</legend>
        {LOCALES.map((locale) => (
          <button
            key={locale}
            type="submit"
            name="locale"
            value={locale}
            lang={locale}
            aria-pressed={locale === current}
            title={t(locale)}
            className={cn(
              'h-8 min-w-10 rounded px-2 text-sm font-medium',
              locale === current ? 'bg-brand text-brand-foreground max-sm:hidden' : 'hover:bg-muted',
            )}
          >
            {NATIVE_NAMES[locale]}
          </button>
        ))}
      </fieldset>
    </form>
  );
}

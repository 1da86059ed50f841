import { getTranslations } from 'next-intl/server';

/** First focusable element of every page; every shell renders `<main id="main" tabIndex={-1}>`. */
export async function SkipLink() {
  const t = await getTranslations('Common');
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-brand focus:px-4 focus:py-2 focus:text-brand-foreground focus:shadow-lg"
    >
      {t('skipToContent')}
    </a>
  );
}

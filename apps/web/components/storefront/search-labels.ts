import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { SearchBoxLabels } from './search-box';

/** The search box's strings (a client component gets them as props, see the web README). */
export async function searchBoxLabels(): Promise<SearchBoxLabels> {
  const t = await getTranslations('Shop');
  return {
    label: t('searchLabel'),
    placeholder: t('searchPlaceholder'),
    submit: t('searchSubmit'),
    resultCount: t('searchSuggestionCount', { count: '{count}' }),
    noResults: t('searchNoSuggestions'),
    didYouMean: t('didYouMean', { q: '{q}' }),
    seeAll: t('seeAllResults', { q: '{q}' }),
  };
}

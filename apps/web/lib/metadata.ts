import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

/** A page's `generateMetadata` whose title is one message, in the reader's language. */
export function titleMetadata(namespace: string, key: string): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations(namespace);
    return { title: t(key) };
  };
}

import { getTranslations } from 'next-intl/server';
import type { ComponentType } from 'react';
import { AdminEditorPage } from '@/components/admin/editor-page';
import { requireStudio } from '@/lib/studio';
import { studioFacts } from '@/lib/studio-facts';
import { readStudio } from './server-api';
import type { StudioInfo } from './types';

/**
 * A page of the studio's money settings (commerce, payment methods, the wallet): reads the settings
 * from `read` and hands them to their form. Titles and leads are `OrdersAdmin.<section>.title/lead`.
 */
export async function MoneySettingsPage<T>({
  params,
  section,
  read,
  Form,
}: {
  params: Promise<{ studio: string }>;
  section: 'commerce' | 'paymentSettings' | 'walletSettings';
  /** The studio API route that answers the settings, e.g. `/payment-settings`. */
  read: string;
  Form: ComponentType<{ studio: StudioInfo; initial: T }>;
}) {
  const studio = await requireStudio(params);
  const [t, settings] = await Promise.all([getTranslations('OrdersAdmin'), readStudio<T>(studio.slug, read)]);
  return (
    <AdminEditorPage
      title={t(`${section}.title`)}
      lead={t(`${section}.lead`, { name: studio.name })}
      resource={settings}
      namespaces={['OrdersAdmin', 'Forms', 'ApiReasons']}
    >
      {(initial) => <Form studio={studioFacts(studio)} initial={initial} />}
    </AdminEditorPage>
  );
}

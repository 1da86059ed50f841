import { CommerceSettingsForm } from '@/components/orders-admin/commerce-settings-form';
import { MoneySettingsPage } from '@/components/orders-admin/settings-page';
import { titleMetadata } from '@/lib/metadata';

export const generateMetadata = titleMetadata('OrdersAdmin', 'commerce.title');

/** Order numbers, shipping and tax. */
export default function CommerceSettingsPage({ params }: { params: Promise<{ studio: string }> }) {
  return (
    <MoneySettingsPage
      params={params}
      section="commerce"
      read="/admin/commerce-settings"
      Form={CommerceSettingsForm}
    />
  );
}

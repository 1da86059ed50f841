import { PaymentSettingsForm } from '@/components/orders-admin/payment-settings-form';
import { MoneySettingsPage } from '@/components/orders-admin/settings-page';
import { titleMetadata } from '@/lib/metadata';

export const generateMetadata = titleMetadata('OrdersAdmin', 'paymentSettings.title');

/** The payment methods the studio offers at checkout. */
export default function PaymentSettingsPage({ params }: { params: Promise<{ studio: string }> }) {
  return (
    <MoneySettingsPage
      params={params}
      section="paymentSettings"
      read="/payment-settings"
      Form={PaymentSettingsForm}
    />
  );
}

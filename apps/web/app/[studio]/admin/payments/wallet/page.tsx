import { MoneySettingsPage } from '@/components/orders-admin/settings-page';
import { WalletSettingsForm } from '@/components/orders-admin/wallet-settings-form';
import { titleMetadata } from '@/lib/metadata';

export const generateMetadata = titleMetadata('OrdersAdmin', 'walletSettings.title');

/** The clients' wallet: top-ups and their bonus tiers. */
export default function WalletSettingsPage({ params }: { params: Promise<{ studio: string }> }) {
  return (
    <MoneySettingsPage
      params={params}
      section="walletSettings"
      read="/wallet/settings"
      Form={WalletSettingsForm}
    />
  );
}

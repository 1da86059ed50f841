import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { orderPage } from '@/components/orders-admin/paths';
import { walletLineWords } from '@/components/shop/wallet-entry';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import type { ClientWallet } from './types';

/**
 * A client's wallet statement as staff read it: the same lines the client sees in their portal, worded
 * for the studio (`ClientsAdmin.walletLine`), an order's payment or refund linking to the admin order.
 */
export async function WalletStatement({
  wallet,
  studio,
  locale,
  headingId,
}: {
  wallet: ClientWallet;
  studio: { slug: string; timezone: string };
  locale: string;
  headingId: string;
}) {
  const t = await getTranslations('ClientsAdmin');
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: wallet.currency }, locale);
  if (wallet.items.length === 0) return <p className="text-sm text-muted-foreground">{t('wallet.empty')}</p>;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a scroll container, not a set of form fields
    <div
      className="relative overflow-x-auto"
      role="group"
      aria-labelledby={headingId}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
      tabIndex={0}
    >
      <table className="w-full text-sm" data-testid="client-wallet-entries">
        <thead className="text-left text-muted-foreground">
          <tr>
            <th scope="col" className="py-2 pe-3 font-medium">
              {t('wallet.what')}
            </th>
            <th scope="col" className="py-2 pe-3 text-end font-medium">
              {t('wallet.amount')}
            </th>
            <th scope="col" className="py-2 text-end font-medium">
              {t('wallet.balanceAfter')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {wallet.items.map((entry) => {
            const words = walletLineWords(entry);
            const label = t(`walletLine.${words.key}`, words.values);
            return (
              <tr key={entry.id}>
                <td className="py-2 pe-3">
                  {words.orderId ? (
                    <Link
                      href={orderPage(studio.slug, words.orderId)}
                      className="font-medium text-brand-ink underline underline-offset-4"
                    >
                      {label}
                    </Link>
                  ) : (
                    label
                  )}
                  {entry.note ? (
                    <span className="block break-words text-muted-foreground">{entry.note}</span>
                  ) : null}
                  <time dateTime={entry.createdAt} className="block text-xs text-muted-foreground">
                    {formatDateTime(entry.createdAt, locale, studio.timezone)}
                  </time>
                </td>
                <td
                  className={cn(
                    'whitespace-nowrap py-2 pe-3 text-end font-medium tabular-nums',
                    entry.amountMinor > 0 ? 'text-success' : undefined,
                  )}
                >
                  {entry.amountMinor > 0 ? '+' : '−'}
                  {money(Math.abs(entry.amountMinor))}
                </td>
                <td className="whitespace-nowrap py-2 text-end tabular-nums">
                  {money(entry.balanceAfterMinor)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

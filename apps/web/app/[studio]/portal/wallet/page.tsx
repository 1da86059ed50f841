import type { Studio } from '@atelier/sdk';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { loadMyWallet } from '@/components/shop/shop-server';
import { TopupForm } from '@/components/shop/topup-form';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { getAsSession } from '@/lib/session';
import { type PaymentMethod, shopPaths, type Wallet } from '@/lib/shop';
import {
  OlderLink,
  PortalList,
  type PortalListProps,
  portalListMetadata,
  readPortalList,
} from '../portal-page';

/**
 * Entries whose reason the API writes itself, in English ("Wallet top-up", "Top-up bonus"): it only
 * repeats the kind, untranslated, so the localised kind stands alone. Other reasons (an adjustment,
 * a refund) are the studio's words or name the order, and stay.
 */
const SYSTEM_REASON_KINDS = new Set(['topup', 'bonus']);

/** The ways a client can top up a wallet. */
type TopupMethod = 'sandbox' | 'promptpay';

export const generateMetadata = portalListMetadata('wallet');

/** The client's balance with this studio, every credit and debit, and a top-up with its bonus. */
export default async function WalletPage(props: PortalListProps) {
  const [list, t] = await Promise.all([
    readPortalList('wallet', props, readWallet),
    getTranslations('Checkout'),
  ]);
  const { studio } = list;
  return (
    <PortalList list={list} signInMessage={t('portalSignIn')}>
      {({ wallet, topupMethods }) => (
        <WalletSections studio={studio} path={list.path} wallet={wallet} topupMethods={topupMethods} />
      )}
    </PortalList>
  );
}

/** The balance, the top-up (where the studio takes them) and the entries of this page. */
async function WalletSections({
  studio,
  path,
  wallet,
  topupMethods,
}: {
  studio: Studio;
  path: string;
  wallet: Wallet;
  topupMethods: TopupMethod[];
}) {
  const [t, locale] = await Promise.all([getTranslations('Checkout'), getLocale()]);
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: wallet.currency }, locale);
  // This studio's top-up rules and bonus tiers, shown before paying.
  const { topups } = wallet;
  const firstBonus = topups.bonusTiers.find((tier) => tier.bonusMinor > 0);
  return (
    <>
      <section aria-labelledby="balance-heading" className="rounded-xl border p-5">
        <h2 id="balance-heading" className="text-sm font-medium text-muted-foreground">
          {t('walletBalance')}
        </h2>
        <p className="mt-1 text-3xl font-bold tabular-nums" data-testid="wallet-balance">
          {money(wallet.balanceMinor)}
        </p>
        <p className="mt-2 text-sm text-muted-foreground">{t('walletExplain', { name: studio.name })}</p>
      </section>
      {topupMethods.length > 0 && topups.enabled ? (
        <section aria-labelledby="topup-heading" className="rounded-xl border p-5">
          <h2 id="topup-heading" className="mb-1 text-lg font-semibold">
            {t('topupHeading')}
          </h2>
          <p className="mb-4 text-sm text-muted-foreground">
            {firstBonus
              ? t('topupBonusTeaser', {
                  amount: money(firstBonus.minTopupMinor),
                  bonus: money(firstBonus.bonusMinor),
                })
              : t('topupNoBonus')}
          </p>
          <ClientMessages namespaces={['Checkout']}>
            <TopupForm
              studio={studio.slug}
              currency={wallet.currency}
              methods={topupMethods}
              balanceMinor={wallet.balanceMinor}
              offer={topups}
            />
          </ClientMessages>
        </section>
      ) : null}
      <section aria-labelledby="entries-heading" className="rounded-xl border p-5">
        <h2 id="entries-heading" className="mb-3 text-lg font-semibold">
          {t('walletEntries')}
        </h2>
        {wallet.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('walletEmpty')}</p>
        ) : (
          <section
            className="overflow-x-auto"
            aria-labelledby="entries-heading"
            // A phone may scroll the table sideways: focusable, so a keyboard can scroll it too.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
            tabIndex={0}
          >
            <table className="w-full text-sm" data-testid="wallet-entries">
              <thead className="text-left text-muted-foreground">
                <tr>
                  <th scope="col" className="py-2 pe-3 font-medium">
                    {t('entryWhen')}
                  </th>
                  <th scope="col" className="py-2 pe-3 font-medium">
                    {t('entryWhat')}
                  </th>
                  <th scope="col" className="py-2 pe-3 text-end font-medium">
                    {t('entryAmount')}
                  </th>
                  <th scope="col" className="py-2 text-end font-medium">
                    {t('entryBalance')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {wallet.items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="py-2 pe-3 whitespace-nowrap">
                      {formatDateTime(entry.createdAt, locale, studio.timezone)}
                    </td>
                    <td className="py-2 pe-3">
                      {t(`entryKind.${entry.kind}`)}
                      {entry.reason && !SYSTEM_REASON_KINDS.has(entry.kind) ? (
                        <span className="block text-muted-foreground">{entry.reason}</span>
                      ) : null}
                    </td>
                    <td
                      className={cn(
                        'py-2 pe-3 text-end tabular-nums font-medium',
                        entry.amountMinor > 0 ? 'text-success' : undefined,
                      )}
                    >
                      {entry.amountMinor > 0 ? '+' : '−'}
                      {money(Math.abs(entry.amountMinor))}
                    </td>
                    <td className="py-2 text-end tabular-nums">{money(entry.balanceAfterMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        <OlderLink path={path} nextCursor={wallet.nextCursor} label={t('olderEntries')} className="mt-4" />
      </section>
    </>
  );
}

/** The wallet's page of entries, and the ways it can be topped up (the sandbox and PromptPay). */
async function readWallet(studio: Studio, cursor: string | undefined) {
  const [wallet, methods] = await Promise.all([
    loadMyWallet(studio.slug, cursor),
    getAsSession<{ items: PaymentMethod[] }>(`${shopPaths.api(studio.slug)}/payment-methods`),
  ]);
  if (!wallet.ok) return wallet;
  const topupMethods = (methods.ok ? methods.value.items : [])
    .map((method) => method.provider)
    .filter((provider): provider is TopupMethod => provider === 'sandbox' || provider === 'promptpay');
  return { ok: true as const, value: { wallet: wallet.value, topupMethods } };
}

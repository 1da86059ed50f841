import type { Studio } from '@atelier/sdk';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { loadMyWallet } from '@/components/shop/shop-server';
import { TopupForm } from '@/components/shop/topup-form';
import { walletLineWords } from '@/components/shop/wallet-entry';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { getAsSession } from '@/lib/session';
import { type PaymentMethod, shopPaths, type Wallet, type WalletEntry } from '@/lib/shop';
import {
  OlderLink,
  PortalList,
  type PortalListProps,
  portalListMetadata,
  readPortalList,
} from '../portal-page';

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
          <ClientMessages namespaces={['Checkout', 'ApiReasons']}>
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
          // A group, not a second landmark named like the section around it (a fieldset would say "form
          // controls here", which a table is not).
          // biome-ignore lint/a11y/useSemanticElements: a scroll container, not a set of form fields
          <div
            className="relative overflow-x-auto"
            role="group"
            aria-labelledby="entries-heading"
            // A phone may scroll the table sideways: focusable, so a keyboard can scroll it too.
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
            tabIndex={0}
          >
            <table className="w-full text-sm" data-testid="wallet-entries">
              <thead className="text-left text-muted-foreground">
                <tr>
                  {/* On a phone the date goes under the entry's words, leaving them room. */}
                  <th scope="col" className="hidden py-2 pe-3 font-medium sm:table-cell">
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
                {wallet.items.map((entry) => {
                  const when = formatDateTime(entry.createdAt, locale, studio.timezone);
                  return (
                    <tr key={entry.id}>
                      <td className="hidden py-2 pe-3 whitespace-nowrap sm:table-cell">
                        <time dateTime={entry.createdAt}>{when}</time>
                      </td>
                      <td className="py-2 pe-3">
                        <WalletLine entry={entry} studio={studio.slug} />
                        <time
                          dateTime={entry.createdAt}
                          className="block text-xs text-muted-foreground sm:hidden"
                        >
                          {when}
                        </time>
                      </td>
                      <td
                        className={cn(
                          'py-2 pe-3 text-end tabular-nums font-medium whitespace-nowrap',
                          entry.amountMinor > 0 ? 'text-success' : undefined,
                        )}
                      >
                        {entry.amountMinor > 0 ? '+' : '−'}
                        {money(Math.abs(entry.amountMinor))}
                      </td>
                      <td className="py-2 text-end tabular-nums whitespace-nowrap">
                        {money(entry.balanceAfterMinor)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <OlderLink path={path} nextCursor={wallet.nextCursor} label={t('olderEntries')} className="mt-4" />
      </section>
    </>
  );
}

/**
 * What a statement line is, in the reader's words (see `walletLineWords`): an order's payment or refund
 * links to the order; a person's own words (a staff adjustment's reason) follow as written.
 */
async function WalletLine({ entry, studio }: { entry: WalletEntry; studio: string }) {
  const t = await getTranslations('Checkout.walletLine');
  const words = walletLineWords(entry);
  const label = t(words.key, words.values);
  return (
    <>
      {words.orderId ? (
        <Link
          href={shopPaths.portalOrder(studio, words.orderId)}
          className="font-medium text-brand-ink underline underline-offset-4"
        >
          {label}
        </Link>
      ) : (
        label
      )}
      {entry.note ? <span className="block break-words text-muted-foreground">{entry.note}</span> : null}
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

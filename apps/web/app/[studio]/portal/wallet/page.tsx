import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { SignInPrompt } from '@/components/admin/sign-in-prompt';
import { ApiProblem } from '@/components/api-problem';
import { ClientMessages } from '@/components/client-messages';
import { loadMyWallet } from '@/components/shop/shop-server';
import { TopupForm } from '@/components/shop/topup-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { getAsSession, getMe } from '@/lib/session';
import { type PaymentMethod, shopPaths } from '@/lib/shop';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Portal');
  return { title: `${t('sections.wallet')} · ${t('area')}` };
}

interface WalletPageProps {
  params: Promise<{ studio: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}

/** The client's balance with this studio, every credit and debit, and a top-up with its bonus. */
export default async function WalletPage({ params, searchParams }: WalletPageProps) {
  const studio = await requireStudio(params);
  const [{ cursor }, t, tPortal, locale, me] = await Promise.all([
    searchParams,
    getTranslations('Checkout'),
    getTranslations('Portal'),
    getLocale(),
    getMe(),
  ]);
  const heading = <h1 className="text-2xl font-bold tracking-tight">{tPortal('sections.wallet')}</h1>;
  if (!me.ok || !me.value)
    return (
      <div className="space-y-6">
        {heading}
        <SignInPrompt message={t('portalSignIn')} next={`/${studio.slug}/portal/wallet`} />
      </div>
    );
  const [wallet, methods] = await Promise.all([
    loadMyWallet(studio.slug, typeof cursor === 'string' ? cursor : undefined),
    getAsSession<{ items: PaymentMethod[] }>(`${shopPaths.api(studio.slug)}/payment-methods`),
  ]);
  if (!wallet.ok)
    return (
      <div className="space-y-6">
        {heading}
        <ApiProblem error={wallet.error} />
      </div>
    );
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: wallet.value.currency }, locale);
  // This studio's top-up rules and bonus tiers, shown before paying.
  const { topups } = wallet.value;
  const firstBonus = topups.bonusTiers.find((tier) => tier.bonusMinor > 0);
  const topupMethods = (methods.ok ? methods.value.items : [])
    .map((method) => method.provider)
    .filter(
      (provider): provider is 'sandbox' | 'promptpay' => provider === 'sandbox' || provider === 'promptpay',
    );
  return (
    <div className="space-y-6">
      {heading}
      <section aria-labelledby="balance-heading" className="rounded-xl border p-5">
        <h2 id="balance-heading" className="text-sm font-medium text-muted-foreground">
          {t('walletBalance')}
        </h2>
        <p className="mt-1 text-3xl font-bold tabular-nums" data-testid="wallet-balance">
          {money(wallet.value.balanceMinor)}
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
              currency={wallet.value.currency}
              methods={topupMethods}
              balanceMinor={wallet.value.balanceMinor}
              offer={topups}
            />
          </ClientMessages>
        </section>
      ) : null}
      <section aria-labelledby="entries-heading" className="rounded-xl border p-5">
        <h2 id="entries-heading" className="mb-3 text-lg font-semibold">
          {t('walletEntries')}
        </h2>
        {wallet.value.items.length === 0 ? (
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
                {wallet.value.items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="py-2 pe-3 whitespace-nowrap">
                      {formatDateTime(entry.createdAt, locale, studio.timezone)}
                    </td>
                    <td className="py-2 pe-3">
                      {t(`entryKind.${entry.kind}`)}
                      {entry.reason ? (
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
        {wallet.value.nextCursor ? (
          <Button asChild variant="outline" className="mt-4">
            <Link
              href={`/${studio.slug}/portal/wallet?cursor=${encodeURIComponent(wallet.value.nextCursor)}`}
            >
              {t('olderEntries')}
            </Link>
          </Button>
        ) : null}
      </section>
    </div>
  );
}

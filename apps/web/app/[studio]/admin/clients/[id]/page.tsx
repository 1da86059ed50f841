import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { AdminProblem } from '@/components/admin/admin-problem';
import { AdminBackLink } from '@/components/admin/back-link';
import { Pager } from '@/components/admin/list-results';
import { ClientMessages } from '@/components/client-messages';
import { ClientDetailsForm, WalletAdjustmentForm } from '@/components/clients-admin/client-forms';
import { ClientBadges } from '@/components/clients-admin/client-list';
import { ClientOrders } from '@/components/clients-admin/client-orders';
import type { ClientTotals, ClientWallet, StudioClient } from '@/components/clients-admin/types';
import { WalletStatement } from '@/components/clients-admin/wallet-statement';
import { adminPage } from '@/components/orders-admin/paths';
import { readStudio } from '@/components/orders-admin/server-api';
import type { AdminOrder } from '@/components/orders-admin/types';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatDate } from '@/lib/dates';
import { isUuid } from '@/lib/ids';
import { formatMoney } from '@/lib/money';
import { one, pageLinks, pageRequest, type SearchParams } from '@/lib/search-params';
import { getMembership, roleAtLeast } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

interface Props {
  params: Promise<{ studio: string; id: string }>;
  /** `cursor`: where the wallet statement's page starts (its older entries). */
  searchParams: Promise<SearchParams>;
}

const ORDERS_SHOWN = 10;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('ClientsAdmin');
  return { title: t('detail.metaTitle') };
}

/**
 * One client: who they are (and whether an account is behind the record), their orders with the studio,
 * and their wallet. Staff correct the name and phone; owners and admins (`payments.manage`) adjust the
 * wallet, with the reason the client reads on their statement.
 */
export default async function ClientAdminPage({ params, searchParams }: Props) {
  const [studio, { id }, query] = await Promise.all([requireStudio(params), params, searchParams]);
  const walletCursor = one(query.cursor);
  if (!isUuid(id)) notFound();
  const [t, locale, membership, answer, orders, totals, wallet] = await Promise.all([
    getTranslations('ClientsAdmin'),
    getLocale(),
    getMembership(studio.slug),
    readStudio<StudioClient>(studio.slug, `/clients/${id}`),
    readStudio<{ items: AdminOrder[]; nextCursor: string | null }>(
      studio.slug,
      `/admin/orders?clientId=${id}&limit=${ORDERS_SHOWN}`,
    ),
    readStudio<{ items: ClientTotals[] }>(studio.slug, `/admin/orders/client-totals?clientIds=${id}`),
    // Staff read the wallet (clients.read); owners and admins adjust it (payments.manage).
    readStudio<ClientWallet>(
      studio.slug,
      `/clients/${id}/wallet?${pageRequest(new URLSearchParams(), 20, walletCursor)}`,
    ),
  ]);
  if (!answer.ok && answer.error.status === 404) notFound();
  const back = <AdminBackLink href={adminPage(studio.slug, '/clients')} label={t('detail.back')} />;
  if (!answer.ok) {
    return (
      <div className="space-y-6">
        {back}
        <AdminProblem error={answer.error} />
      </div>
    );
  }
  const client = answer.value;
  const summary = totals.ok ? totals.value.items[0] : undefined;
  const canAdjustWallet = membership.kind === 'member' && roleAtLeast(membership.role, 'admin');
  const page = adminPage(studio.slug, `/clients/${id}`);
  const labels = { account: t('badge.account'), guest: t('badge.guest'), retired: t('badge.retired') };

  return (
    <div className="space-y-6">
      {back}
      <div className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight">{client.name}</h1>
        <p className="break-all text-sm text-muted-foreground">
          <a href={`mailto:${client.email}`} className="text-brand-ink underline underline-offset-4">
            {client.email}
          </a>
          {client.phone ? ` · ${client.phone}` : null}
        </p>
        <div className="flex flex-wrap gap-2" data-testid="client-badges">
          <ClientBadges client={client} labels={labels} />
        </div>
        <p className="text-sm text-muted-foreground">
          {t('detail.since', { date: formatDate(client.createdAt, locale, studio.timezone) })}
          {summary
            ? ` · ${t('list.orderCount', { count: summary.orders })} · ${t('detail.spent', {
                amount: formatMoney({ amountMinor: summary.spentMinor, currency: studio.currency }, locale),
              })}`
            : null}
        </p>
        {client.retiredAt ? (
          <p className="max-w-prose text-sm text-muted-foreground" data-testid="client-retired-note">
            {t('detail.retiredNote', { date: formatDate(client.retiredAt, locale, studio.timezone) })}
          </p>
        ) : null}
      </div>

      <ClientMessages namespaces={['ClientsAdmin', 'OrdersAdmin', 'Forms', 'ApiReasons']}>
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 space-y-6 lg:col-span-2">
            <Card role="region" aria-labelledby="client-orders">
              <CardHeader>
                <CardTitle as="h2" id="client-orders">
                  {t('orders.title')}
                </CardTitle>
              </CardHeader>
              <CardContent className="space-y-4">
                {!orders.ok ? (
                  <AdminProblem error={orders.error} />
                ) : orders.value.items.length === 0 ? (
                  <p className="text-sm text-muted-foreground">{t('orders.none')}</p>
                ) : (
                  <>
                    <ClientOrders
                      orders={orders.value.items}
                      studio={studio}
                      locale={locale}
                      caption={t('orders.caption', { name: client.name })}
                    />
                    {orders.value.nextCursor ? (
                      <p className="text-sm">
                        <Link
                          href={`${adminPage(studio.slug, '/orders')}?clientId=${client.id}`}
                          className="font-medium text-brand-ink underline underline-offset-4"
                        >
                          {t('orders.all')}
                        </Link>
                      </p>
                    ) : null}
                  </>
                )}
              </CardContent>
            </Card>

            <Card role="region" aria-labelledby="client-wallet">
              <CardHeader>
                <CardTitle as="h2" id="client-wallet">
                  {t('wallet.title')}
                </CardTitle>
              </CardHeader>
              <CardContent className="space-y-4">
                {!wallet.ok ? (
                  <AdminProblem error={wallet.error} />
                ) : (
                  <>
                    <p className="text-sm">
                      {t('wallet.balance')}{' '}
                      <span
                        className="text-lg font-semibold tabular-nums"
                        data-testid="client-wallet-balance"
                      >
                        {formatMoney(
                          { amountMinor: wallet.value.balanceMinor, currency: wallet.value.currency },
                          locale,
                        )}
                      </span>
                    </p>
                    <WalletStatement
                      wallet={wallet.value}
                      studio={studio}
                      locale={locale}
                      headingId="client-wallet"
                    />
                    <Pager
                      links={pageLinks(page, new URLSearchParams(), {
                        cursor: walletCursor,
                        nextCursor: wallet.value.nextCursor,
                      })}
                      labels={{
                        pages: t('wallet.pages'),
                        first: t('wallet.newest'),
                        next: t('wallet.older'),
                      }}
                    />
                    {canAdjustWallet ? null : (
                      <p className="text-sm text-muted-foreground">{t('wallet.adminsOnly')}</p>
                    )}
                  </>
                )}
              </CardContent>
            </Card>
          </div>

          <div className="min-w-0 space-y-6">
            <Card role="region" aria-labelledby="client-details">
              <CardHeader>
                <CardTitle as="h2" id="client-details">
                  {t('details.title')}
                </CardTitle>
              </CardHeader>
              <CardContent>
                <ClientDetailsForm studio={studio.slug} client={client} />
              </CardContent>
            </Card>

            {canAdjustWallet && wallet.ok && (!client.retiredAt || wallet.value.balanceMinor > 0) ? (
              <Card role="region" aria-labelledby="client-adjust">
                <CardHeader>
                  <CardTitle as="h2" id="client-adjust">
                    {t('wallet.adjust')}
                  </CardTitle>
                </CardHeader>
                <CardContent>
                  <WalletAdjustmentForm
                    studio={studio.slug}
                    clientId={client.id}
                    currency={wallet.value.currency}
                    balanceMinor={wallet.value.balanceMinor}
                    retired={client.retiredAt !== null}
                  />
                </CardContent>
              </Card>
            ) : null}
          </div>
        </div>
      </ClientMessages>
    </div>
  );
}

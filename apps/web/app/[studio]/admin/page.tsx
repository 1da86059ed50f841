import { BadgeCheck, CalendarDays, ShoppingBag, Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LiveRefresh } from '@/components/admin/live-refresh';
import { type SalesOverview, SalesOverviewCard } from '@/components/admin/sales-overview';
import { salesPeriod } from '@/components/admin/sales-period';
import { ApiProblem } from '@/components/api-problem';
import { ClientMessages } from '@/components/client-messages';
import { FormMessage } from '@/components/forms/field';
import { adminPage } from '@/components/orders-admin/paths';
import { readStudio } from '@/components/orders-admin/server-api';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { countCatalog } from '@/lib/api';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Admin');
  return { title: t('area') };
}

export default async function AdminDashboard({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const days = salesPeriod(query.days);
  const [t, tKinds, format, catalog, toConfirm, sales] = await Promise.all([
    getTranslations('Admin'),
    getTranslations('Kinds'),
    getFormatter(),
    countCatalog(studio.slug),
    readStudio<{ count: number }>(studio.slug, '/admin/orders/awaiting-confirmation'),
    readStudio<SalesOverview>(studio.slug, `/admin/orders/sales?days=${days}`),
  ]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold tracking-tight">{t('sections.dashboard')}</h1>
        {/* The numbers below stay live: read again every minute while the tab is shown. */}
        <ClientMessages namespaces={['LiveRefresh']}>
          <LiveRefresh renderedAt={new Date().toISOString()} />
        </ClientMessages>
      </div>
      {query.created ? <FormMessage tone="success">{t('created')}</FormMessage> : null}
      {query.joined ? <FormMessage tone="success">{t('joined')}</FormMessage> : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {/* Only people who may see orders get an answer; for the others the card is left out. */}
        {sales.ok ? (
          <SalesOverviewCard sales={sales.value} days={days} dashboardPath={`/${studio.slug}/admin`} />
        ) : null}
        <Card className="sm:col-span-2 lg:col-span-3">
          <CardHeader>
            <CardTitle as="h2" className="text-base">
              {t('catalogCard.title')}
            </CardTitle>
            <CardDescription>{t('catalogCard.description')}</CardDescription>
          </CardHeader>
          <CardContent>
            {catalog.ok ? (
              <>
                <p className="text-4xl font-bold tabular-nums">
                  {format.number(catalog.value.total)}
                  {catalog.value.capped ? '+' : null}
                </p>
                <ul className="mt-3 flex flex-wrap gap-2" aria-label={t('catalogCard.byKind')}>
                  {Object.entries(catalog.value.byKind)
                    .filter(([, count]) => count > 0)
                    .map(([kind, count]) => (
                      <li key={kind}>
                        <Badge variant="outline">
                          {tKinds(kind)}: {format.number(count)}
                        </Badge>
                      </li>
                    ))}
                </ul>
              </>
            ) : (
              <ApiProblem error={catalog.error} headingLevel="h3" />
            )}
          </CardContent>
          <CardFooter>
            <Button asChild variant="outline" size="sm">
              <Link href={`/${studio.slug}/admin/catalog`}>{t('catalogCard.open')}</Link>
            </Button>
          </CardFooter>
        </Card>
        <Card data-testid="orders-to-handle">
          <CardHeader>
            <div className="flex items-center gap-2 text-muted-foreground [&_svg]:size-4" aria-hidden="true">
              <ShoppingBag />
            </div>
            <CardTitle as="h2" className="text-base">
              {t('sections.orders')}
            </CardTitle>
            <CardDescription>{t('ordersCard.description')}</CardDescription>
          </CardHeader>
          {sales.ok ? (
            <CardContent>
              <ul className="space-y-1 text-sm">
                <li>
                  <Link
                    href={adminPage(studio.slug, '/orders?status=paid')}
                    className="font-medium underline-offset-4 hover:underline"
                  >
                    {t('ordersCard.toFulfil', { count: sales.value.open.toFulfil })}
                  </Link>
                </li>
                <li>
                  <Link
                    href={adminPage(studio.slug, '/orders?status=pending')}
                    className="font-medium underline-offset-4 hover:underline"
                  >
                    {t('ordersCard.awaitingPayment', { count: sales.value.open.awaitingPayment })}
                  </Link>
                </li>
              </ul>
            </CardContent>
          ) : null}
          <CardFooter>
            <Button asChild variant="outline" size="sm">
              <Link href={`/${studio.slug}/admin/orders`}>{t('ordersCard.open')}</Link>
            </Button>
          </CardFooter>
        </Card>
        {toConfirm.ok ? (
          <Card data-testid="payments-to-confirm">
            <CardHeader>
              <div
                className="flex items-center gap-2 text-muted-foreground [&_svg]:size-4"
                aria-hidden="true"
              >
                <BadgeCheck />
              </div>
              <CardTitle as="h2" className="text-base">
                {t('paymentsToConfirm.title')}
              </CardTitle>
              <CardDescription>{t('paymentsToConfirm.description')}</CardDescription>
            </CardHeader>
            <CardContent>
              {/* A count to act on stands out; "nothing to confirm" is said quietly. */}
              <p
                className={
                  toConfirm.value.count > 0
                    ? 'text-2xl font-bold tabular-nums'
                    : 'text-sm font-medium text-muted-foreground'
                }
              >
                {t('paymentsToConfirm.count', { count: toConfirm.value.count })}
              </p>
            </CardContent>
            {toConfirm.value.count > 0 ? (
              <CardFooter>
                <Button asChild variant="outline" size="sm">
                  <Link href={adminPage(studio.slug, '/orders?awaitingConfirmation=true')}>
                    {t('paymentsToConfirm.open')}
                  </Link>
                </Button>
              </CardFooter>
            ) : null}
          </Card>
        ) : null}
        <PendingMetric icon={<Users />} title={t('sections.clients')} note={t('pending.clients')} />
        <PendingMetric icon={<CalendarDays />} title={t('sections.bookings')} note={t('pending.bookings')} />
      </div>
    </div>
  );
}

/** A metric whose module has not shipped: says so rather than showing a zero that would look real. */
function PendingMetric({
  icon,
  title,
  note,
  link,
}: {
  icon: ReactNode;
  title: string;
  note: string;
  link?: { href: string; label: string };
}) {
  return (
    <Card>
      <CardHeader>
        <div className="flex items-center gap-2 text-muted-foreground [&_svg]:size-4" aria-hidden="true">
          {icon}
        </div>
        <CardTitle as="h2" className="text-base">
          {title}
        </CardTitle>
        <CardDescription>{note}</CardDescription>
      </CardHeader>
      {link ? (
        <CardFooter>
          <Button asChild variant="outline" size="sm">
            <Link href={link.href}>{link.label}</Link>
          </Button>
        </CardFooter>
      ) : null}
    </Card>
  );
}

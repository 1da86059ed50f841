import type { JsonBody } from '@atelier/sdk';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/money';
import { changePercent, SALES_PERIODS } from './sales-period';

export type SalesOverview = JsonBody<'getSalesOverview', 200>;

/**
 * The owner's sales: the period's total against the one before, orders and the average order, and a
 * bar per day. The chart is a picture for the eye; the same numbers are in a table under it for screen
 * readers and for anyone who wants the figures.
 */
export async function SalesOverviewCard({
  sales,
  days,
  dashboardPath,
}: {
  sales: SalesOverview;
  days: number;
  /** The dashboard's own path: the period links change only `days`. */
  dashboardPath: string;
}) {
  const [t, locale] = await Promise.all([getTranslations('Admin.sales'), getLocale()]);
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: sales.currency }, locale);
  const dayLabel = (date: string, style: 'short' | 'long') =>
    new Intl.DateTimeFormat(locale, {
      ...(style === 'short' ? { day: 'numeric', month: 'short' } : { dateStyle: 'medium' }),
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));
  const change = changePercent(sales.period.salesMinor, sales.previous.salesMinor);
  const highest = Math.max(...sales.days.map((day) => day.salesMinor), 0);
  const first = sales.days[0]?.date ?? '';
  const last = sales.days.at(-1)?.date ?? '';

  return (
    <Card className="sm:col-span-2 lg:col-span-3" data-testid="sales-overview">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3 space-y-0">
        <div className="space-y-1.5">
          <CardTitle as="h2" className="text-base">
            {t('title', { days })}
          </CardTitle>
          <CardDescription>{t('description')}</CardDescription>
        </div>
        <nav aria-label={t('periods')} className="flex rounded-md border p-0.5 text-sm">
          {SALES_PERIODS.map((period) => (
            <Link
              key={period}
              href={`${dashboardPath}?days=${period}`}
              aria-current={period === days ? 'page' : undefined}
              className={cn(
                'rounded px-2.5 py-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
                period === days ? 'bg-foreground text-background' : 'hover:bg-muted',
              )}
            >
              {t('periodDays', { days: period })}
            </Link>
          ))}
        </nav>
      </CardHeader>
      <CardContent className="space-y-5">
        <dl className="grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-muted-foreground">{t('total')}</dt>
            <dd className="text-3xl font-bold tabular-nums" data-testid="sales-total">
              {money(sales.period.salesMinor)}
            </dd>
            <dd className="text-sm text-muted-foreground" data-testid="sales-change">
              {change === null
                ? t('nothingBefore', { days })
                : change >= 0
                  ? t('up', { percent: change, days })
                  : t('down', { percent: -change, days })}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-muted-foreground">{t('orders')}</dt>
            <dd className="text-3xl font-bold tabular-nums" data-testid="sales-orders">
              {new Intl.NumberFormat(locale).format(sales.period.orders)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-muted-foreground">{t('average')}</dt>
            <dd className="text-3xl font-bold tabular-nums">{money(sales.period.averageOrderMinor)}</dd>
            {sales.period.refundedMinor > 0 ? (
              <dd className="text-sm text-muted-foreground">
                {t('refunded', { amount: money(sales.period.refundedMinor) })}
              </dd>
            ) : null}
          </div>
        </dl>

        {highest === 0 ? (
          <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
            {t('empty', { days })}
          </p>
        ) : (
          <figure className="space-y-2">
            <svg
              viewBox={`0 0 ${sales.days.length * 10} 100`}
              preserveAspectRatio="none"
              className="h-40 w-full text-brand"
              role="img"
              aria-label={t('chartLabel', {
                from: dayLabel(first, 'long'),
                to: dayLabel(last, 'long'),
                highest: money(highest),
              })}
            >
              {sales.days.map((day, index) => {
                // At least a sliver for a day with sales, so a small one is not lost next to a big one.
                const height = day.salesMinor === 0 ? 0 : Math.max(2, (day.salesMinor / highest) * 100);
                return (
                  <rect
                    key={day.date}
                    x={index * 10 + 1.5}
                    y={100 - height}
                    width={7}
                    height={height}
                    rx={1}
                    className="fill-current"
                  >
                    <title>{`${dayLabel(day.date, 'long')}: ${money(day.salesMinor)}`}</title>
                  </rect>
                );
              })}
            </svg>
            <figcaption className="flex justify-between text-xs text-muted-foreground">
              <span>{dayLabel(first, 'short')}</span>
              <span>{dayLabel(last, 'short')}</span>
            </figcaption>
          </figure>
        )}

        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground">{t('asTable')}</summary>
          <section
            className="mt-2 max-h-72 overflow-y-auto rounded focus-visible:outline-2 focus-visible:outline-ring"
            aria-label={t('asTable')}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: 90 days scroll inside; a scrollable region must take focus (WCAG 2.1.1)
            tabIndex={0}
          >
            <table className="w-full text-left tabular-nums">
              <caption className="sr-only">{t('title', { days })}</caption>
              <thead>
                <tr className="border-b">
                  <th scope="col" className="py-1 font-medium">
                    {t('day')}
                  </th>
                  <th scope="col" className="py-1 text-end font-medium">
                    {t('orders')}
                  </th>
                  <th scope="col" className="py-1 text-end font-medium">
                    {t('total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...sales.days].reverse().map((day) => (
                  <tr key={day.date} className="border-b last:border-0">
                    <th scope="row" className="py-1 font-normal">
                      {dayLabel(day.date, 'long')}
                    </th>
                    <td className="py-1 text-end">{day.orders}</td>
                    <td className="py-1 text-end">{money(day.salesMinor)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </details>
      </CardContent>
    </Card>
  );
}

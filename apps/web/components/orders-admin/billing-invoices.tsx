import type { JsonBody } from '@atelier/sdk';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/lib/cn';
import { formatDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';

export type BillingInvoicePage = JsonBody<'listStudioBillingInvoices', 200>;
export type BillingInvoice = BillingInvoicePage['items'][number];

const STATUS_TONE: Record<BillingInvoice['status'], string> = {
  paid: 'text-success',
  failed: 'text-destructive',
  open: 'text-foreground',
  void: 'text-muted-foreground',
};

/** What the studio was charged for its plan, newest first, a page at a time (server component). */
export async function BillingInvoices({
  timezone,
  page,
  olderHref,
}: {
  timezone: string;
  page: BillingInvoicePage;
  /** The link to the next (older) page, or null at the end. */
  olderHref: string | null;
}) {
  const [t, locale] = await Promise.all([getTranslations('OrdersAdmin'), getLocale()]);
  return (
    // One landmark, the table's scroll region below (labelled by the same heading): two would repeat it.
    <Card className="p-5 sm:p-6">
      <h2 id="billing-invoices" className="text-lg font-semibold">
        {t('billing.invoices.title')}
      </h2>
      {page.items.length === 0 ? (
        <p className="mt-3 text-sm text-muted-foreground">{t('billing.invoices.empty')}</p>
      ) : (
        <section
          className="scroll-shadow-x relative mt-4 overflow-x-auto"
          aria-labelledby="billing-invoices"
          // A phone may scroll the table sideways: focusable, so a keyboard can scroll it too.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
          tabIndex={0}
        >
          {/* Wide enough that a state ("Invoiced by Atelier") never wraps a word per line on a phone. */}
          <table className="w-full min-w-[34rem] text-sm" data-testid="billing-invoices">
            <thead className="text-left text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 pe-3 font-medium">
                  {t('billing.invoices.number')}
                </th>
                <th scope="col" className="py-2 pe-3 font-medium">
                  {t('billing.invoices.period')}
                </th>
                <th scope="col" className="py-2 pe-3 text-end font-medium">
                  {t('billing.invoices.amount')}
                </th>
                <th scope="col" className="py-2 pe-3 font-medium">
                  {t('billing.invoices.status')}
                </th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">{t('billing.invoices.view')}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {page.items.map((invoice) => (
                <tr key={invoice.id}>
                  <td className="py-2 pe-3 font-medium whitespace-nowrap">{invoice.number ?? '—'}</td>
                  <td className="py-2 pe-3 whitespace-nowrap">
                    {t('billing.invoices.range', {
                      from: formatDate(invoice.periodStart, locale, timezone),
                      to: formatDate(invoice.periodEnd, locale, timezone),
                    })}
                  </td>
                  <td className="py-2 pe-3 text-end tabular-nums">
                    {formatMoney({ amountMinor: invoice.amountMinor, currency: invoice.currency }, locale)}
                  </td>
                  <td className={cn('py-2 pe-3 font-medium', STATUS_TONE[invoice.status])}>
                    {t(`billing.invoices.statuses.${invoice.status}`)}
                    {invoice.collection === 'manual' ? (
                      <span className="block text-xs font-normal text-muted-foreground">
                        {t('billing.invoices.manual')}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 text-end">
                    {invoice.hostedUrl ? (
                      <a
                        href={invoice.hostedUrl}
                        target="_blank"
                        rel="noreferrer"
                        className="font-medium text-brand underline-offset-4 hover:underline"
                      >
                        {invoice.status === 'failed' || invoice.status === 'open'
                          ? t('billing.invoices.pay')
                          : t('billing.invoices.view')}
                        <span className="sr-only"> {invoice.number ?? ''}</span>
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {olderHref ? (
        <Button asChild variant="outline" className="mt-4">
          <Link href={olderHref}>{t('billing.invoices.older')}</Link>
        </Button>
      ) : null}
    </Card>
  );
}

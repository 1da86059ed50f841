'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMoney } from './use-money';

/** The line and total figures shared by the checkout summary and an order (all minor units). */
export interface TotalsData {
  currency: string;
  lines: {
    variantId: string;
    name: string;
    variantTitle: string;
    quantity: number;
    unitPriceMinor: number;
    discountMinor: number;
    totalMinor: number;
  }[];
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  pricesIncludeTax: boolean;
  totalMinor: number;
  promoCode: string | null;
  taxRateBps?: number;
  walletMinor?: number;
  requiresShipping?: boolean;
}

/**
 * Lines, then subtotal, discount, shipping, tax and total exactly as the API computed them: nothing is
 * added up here, so what the page shows is what the server will charge. Each figure has a test id.
 */
export function Totals({
  data,
  dueNowMinor,
  dueNowLabel,
  taxAwaitsAddress = false,
}: {
  data: TotalsData;
  /** Checkout before any address: the tax line says it follows the address instead of a figure. */
  taxAwaitsAddress?: boolean;
  /** What the chosen method charges now, when it differs from the total (wallet, deposit, plan). */
  dueNowMinor?: number;
  dueNowLabel?: string;
}) {
  const t = useTranslations('Checkout');
  const locale = useLocale();
  const money = useMoney(data.currency);
  const rate = data.taxRateBps !== undefined ? taxRate(data.taxRateBps, locale) : null;
  return (
    <div className="space-y-4">
      <ul className="divide-y text-sm">
        {data.lines.map((line) => (
          <li key={line.variantId} className="flex justify-between gap-3 py-2" data-testid="summary-line">
            <span className="min-w-0">
              <span className="font-medium">{line.name}</span>
              {line.variantTitle ? (
                <span className="block text-muted-foreground">{line.variantTitle}</span>
              ) : null}
              <span className="block text-muted-foreground">
                {t('quantityTimes', { quantity: line.quantity, price: money(line.unitPriceMinor) })}
              </span>
            </span>
            <span className="shrink-0 tabular-nums">{money(line.unitPriceMinor * line.quantity)}</span>
          </li>
        ))}
      </ul>
      <dl className="space-y-1.5 border-t pt-3 text-sm">
        <Row label={t('subtotal')} value={money(data.subtotalMinor)} id="subtotal" />
        {data.discountMinor > 0 ? (
          <Row
            label={data.promoCode ? t('discountWithCode', { code: data.promoCode }) : t('discount')}
            value={`−${money(data.discountMinor)}`}
            id="discount"
          />
        ) : null}
        {data.requiresShipping !== false || data.shippingMinor > 0 ? (
          <Row
            label={t('shipping')}
            value={data.shippingMinor === 0 ? t('free') : money(data.shippingMinor)}
            id="shipping"
          />
        ) : null}
        <Row
          label={
            // No rate while it waits for the address: the default rate is not the client's.
            rate && !taxAwaitsAddress
              ? t(data.pricesIncludeTax ? 'taxIncludedRate' : 'taxRate', { rate })
              : t(data.pricesIncludeTax ? 'taxIncluded' : 'tax')
          }
          value={taxAwaitsAddress ? t('taxFromAddress') : money(data.taxMinor)}
          id="tax"
        />
        <div className="flex justify-between border-t pt-2 text-base font-semibold">
          <dt>{t('total')}</dt>
          <dd data-testid="total-total" className="tabular-nums">
            {money(data.totalMinor)}
          </dd>
        </div>
        {data.walletMinor ? (
          <Row label={t('fromWallet')} value={`−${money(data.walletMinor)}`} id="wallet" />
        ) : null}
        {dueNowMinor !== undefined && dueNowMinor !== data.totalMinor ? (
          <div className="flex justify-between font-semibold">
            <dt>{dueNowLabel ?? t('dueNow')}</dt>
            <dd data-testid="total-due-now" className="tabular-nums">
              {money(dueNowMinor)}
            </dd>
          </div>
        ) : null}
      </dl>
      {data.pricesIncludeTax ? <p className="text-xs text-muted-foreground">{t('taxIncludedNote')}</p> : null}
    </div>
  );
}

/**
 * A tax rate in basis points as the page's locale writes a percentage ("7%", "7.5%"). The locale comes
 * from next-intl, as useMoney's does: a bare toLocaleString() would use the server's locale on the
 * server and the browser's on the client, so the two renders could disagree.
 */
function taxRate(bps: number, locale: string): string {
  // Basis points are hundredths of a percent: at most two decimals ever mean something.
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000);
}

function Row({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div className="flex justify-between gap-3">
      <dt data-testid={`total-${id}-label`} className="text-muted-foreground">
        {label}
      </dt>
      <dd data-testid={`total-${id}`} className="tabular-nums">
        {value}
      </dd>
    </div>
  );
}

import { getLocale, getTranslations } from 'next-intl/server';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/money';
import { type PriceFacts, priceTag } from './price-logic';

interface PriceTagProps extends PriceFacts {
  currency: string;
  /** "From ฿990": the lowest of several variant prices. */
  from?: boolean;
  size?: 'md' | 'lg';
  className?: string;
}

/** Price in force, the struck "was" price and the saving; the struck price is named for screen readers. */
export async function PriceTag({ currency, from = false, size = 'md', className, ...facts }: PriceTagProps) {
  const [t, locale] = await Promise.all([getTranslations('Shop'), getLocale()]);
  const parts = priceTag(facts);
  const now = formatMoney({ amountMinor: parts.nowMinor, currency }, locale);
  return (
    <p className={cn('flex flex-wrap items-baseline gap-x-2 gap-y-1', className)}>
      <span className={cn('font-semibold text-brand-ink', size === 'lg' ? 'text-3xl' : 'text-lg')}>
        {from ? t('priceFrom', { price: now }) : now}
      </span>
      {parts.wasMinor !== null ? (
        <>
          <span className="text-sm text-muted-foreground">
            <span className="sr-only">{t('wasPrice')} </span>
            <s>{formatMoney({ amountMinor: parts.wasMinor, currency }, locale)}</s>
          </span>
          {parts.percentOff !== null ? (
            <span className="rounded-full bg-destructive px-2 py-0.5 text-xs font-semibold text-white dark:text-black">
              {t('percentOff', { percent: parts.percentOff })}
            </span>
          ) : null}
        </>
      ) : null}
    </p>
  );
}

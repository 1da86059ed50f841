import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { itemPath, type ShopItem } from '@/lib/catalog';
import { ItemPlaceholder } from './item-placeholder';
import { PriceTag } from './price-tag';

interface ItemCardProps {
  studio: string;
  item: ShopItem;
  /** The language the studio wrote the item in. */
  contentLang: string;
  /** The first cards of a page load eagerly (they are likely above the fold). */
  eager?: boolean;
  headingLevel?: 'h2' | 'h3';
}

/** One item in a grid: image, kind and badges, name (the link), price with any sale. */
export async function ItemCard({
  studio,
  item,
  contentLang,
  eager = false,
  headingLevel = 'h3',
}: ItemCardProps) {
  const [t, tKinds] = await Promise.all([getTranslations('Shop'), getTranslations('Kinds')]);
  const Heading = headingLevel;
  const href = itemPath(studio, item.slug);
  return (
    <article className="group relative flex h-full flex-col overflow-hidden rounded-xl border bg-card text-card-foreground shadow-sm transition-shadow focus-within:ring-2 focus-within:ring-ring hover:shadow-md">
      <div className="relative aspect-square bg-muted">
        {item.image ? (
          // biome-ignore lint/performance/noImgElement: signed API image URLs with their size; no optimiser round trip
          <img
            src={item.image.url}
            alt=""
            width={item.image.width ?? 600}
            height={item.image.height ?? 600}
            loading={eager ? 'eager' : 'lazy'}
            decoding="async"
            className="size-full object-cover"
            // A picture that fails before hydration is marked data-broken (BrokenImages).
            suppressHydrationWarning
          />
        ) : (
          <ItemPlaceholder kind={item.kind} />
        )}
        <div className="absolute top-2 left-2 flex flex-wrap gap-1">
          {item.onSale ? (
            <span className="rounded-full bg-destructive px-2 py-0.5 text-xs font-semibold text-white dark:text-black">
              {t('badgeSale')}
            </span>
          ) : null}
          {item.isNew ? (
            <span className="rounded-full bg-brand px-2 py-0.5 text-xs font-semibold text-brand-foreground">
              {t('badgeNew')}
            </span>
          ) : null}
        </div>
      </div>
      <div className="flex flex-1 flex-col gap-1.5 p-4">
        <p className="text-xs font-medium text-muted-foreground">
          {tKinds(item.kind)}
          {item.brand ? <span lang={contentLang}> · {item.brand.name}</span> : null}
        </p>
        <Heading className="text-base leading-snug font-semibold" lang={contentLang}>
          {/* The whole card is the link's hit area; the name stays the link's only text. */}
          <Link href={href} className="rounded-sm after:absolute after:inset-0 focus-visible:outline-none">
            {item.name}
          </Link>
        </Heading>
        {item.summary ? (
          <p className="line-clamp-2 text-sm text-muted-foreground" lang={contentLang}>
            {item.summary}
          </p>
        ) : null}
        <div className="mt-auto pt-2">
          <PriceTag
            currency={item.price.currency}
            nowMinor={item.price.amountMinor}
            listMinor={item.listPrice.amountMinor}
            compareAtMinor={item.compareAtPrice?.amountMinor ?? null}
          />
          {!item.inStock ? <p className="text-sm font-medium text-destructive">{t('soldOut')}</p> : null}
        </div>
      </div>
    </article>
  );
}

/** A responsive grid of item cards: two columns on a phone, up to four on a wide screen. */
export function ItemGrid({ children, label }: { children: React.ReactNode; label?: string }) {
  return (
    <ul aria-label={label} className="grid grid-cols-2 gap-3 sm:gap-4 md:grid-cols-3 lg:grid-cols-4">
      {children}
    </ul>
  );
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { Breadcrumbs } from '@/components/storefront/breadcrumbs';
import { BuyBox, type BuyBoxVariant } from '@/components/storefront/buy-box';
import { Gallery } from '@/components/storefront/gallery';
import { ItemCard, ItemGrid } from '@/components/storefront/item-card';
import { ItemPlaceholder } from '@/components/storefront/item-placeholder';
import { JsonLd } from '@/components/storefront/json-ld';
import { KindDetails } from '@/components/storefront/kind-details';
import { priceTag } from '@/components/storefront/price-logic';
import { SaleCountdown } from '@/components/storefront/sale-countdown';
import { breadcrumbJsonLd, productJsonLd } from '@/components/storefront/structured-data';
import { Badge } from '@/components/ui/badge';
import {
  categoryPath,
  getItem,
  type ItemDetail,
  itemPath,
  type ShopVariant,
  siteOrigin,
} from '@/lib/catalog';
import { formatDateTime } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { requireStudio } from '@/lib/studio';

interface ProductPageProps {
  params: Promise<{ studio: string; slug: string }>;
  searchParams: Promise<{ variant?: string | string[] }>;
}

// A low-stock warning below this many units.
const LOW_STOCK = 5;

const absolute = (origin: string, url: string) =>
  /^https?:\/\//.test(url) ? url : `${origin}${url.startsWith('/') ? '' : '/'}${url}`;

export async function generateMetadata({ params }: ProductPageProps): Promise<Metadata> {
  const { studio: studioSlug, slug } = await params;
  const [detail, origin] = await Promise.all([getItem(studioSlug, slug), siteOrigin()]);
  if (!detail.ok) return {};
  const { item } = detail.value;
  const title = detail.value.seoTitle || item.name;
  const description = detail.value.seoDescription || item.summary;
  const url = `${origin}${itemPath(studioSlug, item.slug)}`;
  const image = detail.value.images[0];
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: 'website',
      title,
      description,
      url,
      ...(image
        ? {
            images: [
              {
                url: absolute(origin, image.url),
                alt: image.alt,
                ...(image.width ? { width: image.width } : {}),
                ...(image.height ? { height: image.height } : {}),
              },
            ],
          }
        : {}),
    },
  };
}

export default async function ProductPage({ params, searchParams }: ProductPageProps) {
  const studio = await requireStudio(params);
  const { slug } = await params;
  const { variant: variantParam } = await searchParams;
  const [detail, t, tKinds, locale, origin] = await Promise.all([
    getItem(studio.slug, slug),
    getTranslations('Shop'),
    getTranslations('Kinds'),
    getLocale(),
    siteOrigin(),
  ]);
  if (!detail.ok) {
    if (detail.error.status === 404) notFound();
    return (
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <ApiProblem error={detail.error} headingLevel="h1" />
      </div>
    );
  }
  const { item, images, variants, options, breadcrumbs, related } = detail.value;
  const contentLang = studio.locale;
  const renderedAt = Date.now();

  const stockOf = (variant: ShopVariant): BuyBoxVariant['stock'] => {
    if (!variant.available) return { tone: 'out', label: t('stock.out') };
    if (variant.stock === null)
      return {
        tone: 'ok',
        label: t(item.kind === 'service' || item.kind === 'package' ? 'stock.bookable' : 'stock.available'),
      };
    if (variant.stock <= LOW_STOCK) return { tone: 'low', label: t('stock.low', { count: variant.stock }) };
    return { tone: 'ok', label: t('stock.in') };
  };
  const boxVariants: BuyBoxVariant[] = variants.map((variant) => {
    const parts = priceTag({
      nowMinor: variant.price.amountMinor,
      listMinor: variant.listPrice.amountMinor,
      compareAtMinor: variant.compareAtPrice?.amountMinor ?? null,
    });
    return {
      id: variant.id,
      optionValues: variant.optionValues,
      available: variant.available,
      title: variant.title,
      sku: variant.sku,
      price: formatMoney(variant.price, locale),
      was:
        parts.wasMinor === null
          ? null
          : formatMoney({ amountMinor: parts.wasMinor, currency: variant.price.currency }, locale),
      percentOff: parts.percentOff === null ? null : t('percentOff', { percent: parts.percentOff }),
      stock: stockOf(variant),
      minOrderQuantity: variant.minOrderQuantity,
      maxQuantity: variant.stock,
      imageId: variant.imageId,
    };
  });

  const home = { name: t('home'), href: `/${studio.slug}` };
  const trail = [
    home,
    ...breadcrumbs.map((crumb, index) => ({
      name: crumb.name,
      href: categoryPath(studio.slug, breadcrumbs.slice(0, index + 1)),
    })),
    { name: item.name, href: itemPath(studio.slug, item.slug) },
  ];
  const pageUrl = `${origin}${itemPath(studio.slug, item.slug)}`;
  const sale = item.flashSale;
  const upcoming = detail.value.upcomingFlashSale;
  const requestedVariant = typeof variantParam === 'string' ? variantParam : undefined;
  const initialImage = variants.find((variant) => variant.id === requestedVariant)?.imageId ?? undefined;

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-10 px-4 py-6 sm:px-6 sm:py-10">
      <JsonLd data={jsonLd(detail.value, pageUrl, origin)} />
      <JsonLd
        data={breadcrumbJsonLd(trail.map((crumb) => ({ name: crumb.name, url: `${origin}${crumb.href}` })))}
      />
      <Breadcrumbs trail={trail} contentLang={contentLang} />

      <div className="grid gap-8 md:grid-cols-2 md:gap-10">
        <div>
          {images.length > 0 ? (
            <Gallery
              images={images.map((image) => ({
                id: image.id,
                src: image.url,
                alt: image.alt,
                width: image.width ?? 800,
                height: image.height ?? 800,
              }))}
              label={t('galleryLabel')}
              thumbLabels={images.map((_, index) =>
                t('showImage', { index: index + 1, total: images.length }),
              )}
              {...(initialImage ? { initialId: initialImage } : {})}
            />
          ) : (
            <div className="aspect-[4/3] overflow-hidden rounded-xl border">
              <ItemPlaceholder kind={item.kind} />
            </div>
          )}
        </div>

        <div className="flex flex-col gap-5">
          <div className="flex flex-col gap-2">
            <div className="flex flex-wrap gap-2">
              <Badge variant="secondary">{tKinds(item.kind)}</Badge>
              {item.isNew ? <Badge variant="outline">{t('badgeNew')}</Badge> : null}
              {item.brand ? (
                <Badge variant="outline">
                  <span lang={contentLang}>{item.brand.name}</span>
                </Badge>
              ) : null}
            </div>
            <h1 className="text-2xl font-bold tracking-tight text-balance sm:text-3xl" lang={contentLang}>
              {item.name}
            </h1>
            {item.summary ? (
              <p className="text-muted-foreground" lang={contentLang}>
                {item.summary}
              </p>
            ) : null}
          </div>

          {sale ? (
            <div className="flex flex-col gap-1 rounded-xl border border-destructive/40 bg-destructive/5 p-4">
              <p className="font-semibold">
                {sale.name ? <span lang={contentLang}>{sale.name}</span> : t('flashSale')}
              </p>
              <SaleCountdown
                endsAt={sale.endsAt}
                renderedAt={renderedAt}
                label={t('saleEndsIn')}
                endedLabel={t('saleEnded')}
                dayUnit={t('dayUnit')}
              />
              <p className="text-xs text-muted-foreground">
                {t('saleEndsAt', { date: formatDateTime(sale.endsAt, locale, studio.timezone) })}
              </p>
            </div>
          ) : upcoming ? (
            <p className="rounded-xl border p-4 text-sm">
              {t('saleUpcoming', { date: formatDateTime(upcoming.startsAt, locale, studio.timezone) })}
            </p>
          ) : null}

          <BuyBox
            studio={studio.slug}
            options={options}
            variants={boxVariants}
            contentLang={contentLang}
            {...(requestedVariant ? { requestedVariantId: requestedVariant } : {})}
            labels={{
              wasPrice: t('wasPrice'),
              quantity: t('quantity'),
              addToCart: t(item.kind === 'service' || item.kind === 'package' ? 'book' : 'addToCart'),
              soldOut: t('soldOut'),
              unavailable: t('combinationUnavailable'),
              sku: t('sku'),
              adding: t('adding'),
              added: t('added'),
              cartFailed: t('cartFailed'),
              viewCart: t('viewCart'),
              minOrder: t('minOrder', { count: '{count}' }),
            }}
          />
        </div>
      </div>

      {detail.value.descriptionHtml ? (
        <section aria-labelledby="description-heading" className="flex max-w-3xl flex-col gap-3">
          <h2 id="description-heading" className="text-xl font-semibold">
            {t('description')}
          </h2>
          <div
            lang={contentLang}
            className="flex flex-col gap-3 leading-relaxed [&_a]:text-brand-ink [&_a]:underline [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold [&_li]:ml-5 [&_ol]:list-decimal [&_ul]:list-disc"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the API on every write
            dangerouslySetInnerHTML={{ __html: detail.value.descriptionHtml }}
          />
        </section>
      ) : null}

      <KindDetails detail={detail.value} contentLang={contentLang} />

      {related.length > 0 ? (
        <section aria-labelledby="related-heading" className="flex flex-col gap-4">
          <h2 id="related-heading" className="text-xl font-semibold">
            {t('related')}
          </h2>
          <ItemGrid>
            {related.map((relatedItem) => (
              <li key={relatedItem.id}>
                <ItemCard studio={studio.slug} item={relatedItem} contentLang={contentLang} />
              </li>
            ))}
          </ItemGrid>
        </section>
      ) : null}
    </div>
  );
}

function jsonLd(detail: ItemDetail, url: string, origin: string) {
  const { item } = detail;
  const onlyVariant = detail.variants.length === 1 ? detail.variants[0] : undefined;
  return productJsonLd({
    name: item.name,
    description: detail.seoDescription || item.summary,
    url,
    images: detail.images.map((image) => absolute(origin, image.url)),
    brand: item.brand?.name ?? null,
    category: detail.breadcrumbs.map((crumb) => crumb.name).join(' > ') || null,
    sku: onlyVariant?.sku ?? null,
    offers: detail.variants.map((variant) => ({
      sku: variant.sku,
      name: variant.title || item.name,
      priceMinor: variant.price.amountMinor,
      currency: variant.price.currency,
      available: variant.available,
      url: detail.variants.length > 1 ? `${url}?variant=${variant.id}` : url,
      priceValidUntil: item.flashSale?.endsAt ?? null,
    })),
  });
}

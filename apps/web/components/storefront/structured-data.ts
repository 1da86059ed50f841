// Relative, not '@/lib/money': the storefront's pure-logic tests run under the root vitest, which has no '@/' alias.
import { minorToDecimal } from '../../lib/money';

/**
 * schema.org JSON-LD for the storefront (Product with Offers, BreadcrumbList), built from plain facts so
 * the builders stay testable. Prices go out as decimal strings in the currency's own minor digits
 * (THB 129000 minor -> "1290.00"), never as floats.
 */

export interface JsonLdOffer {
  sku: string | null;
  name: string;
  priceMinor: number;
  currency: string;
  available: boolean;
  url: string;
  /** ISO end of a running sale: the offer's price is valid until then. */
  priceValidUntil?: string | null;
}

export interface JsonLdProduct {
  name: string;
  description: string;
  url: string;
  images: string[];
  brand?: string | null;
  category?: string | null;
  sku?: string | null;
  offers: JsonLdOffer[];
}

export interface Crumb {
  name: string;
  url: string;
}

// Minor units as an exact decimal string ("12.50"): the web's one money helper, re-exported for the tests.
export { minorToDecimal };

function offerJsonLd(offer: JsonLdOffer) {
  return {
    '@type': 'Offer',
    ...(offer.sku ? { sku: offer.sku } : {}),
    name: offer.name,
    url: offer.url,
    price: minorToDecimal(offer.priceMinor, offer.currency),
    priceCurrency: offer.currency,
    availability: offer.available ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
    ...(offer.priceValidUntil ? { priceValidUntil: offer.priceValidUntil.slice(0, 10) } : {}),
  };
}

export function productJsonLd(product: JsonLdProduct): Record<string, unknown> {
  const prices = product.offers.map((offer) => offer.priceMinor);
  const currency = product.offers[0]?.currency;
  const offers =
    product.offers.length > 1 && currency
      ? {
          '@type': 'AggregateOffer',
          priceCurrency: currency,
          lowPrice: minorToDecimal(Math.min(...prices), currency),
          highPrice: minorToDecimal(Math.max(...prices), currency),
          offerCount: product.offers.length,
          offers: product.offers.map(offerJsonLd),
        }
      : product.offers[0]
        ? offerJsonLd(product.offers[0])
        : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    description: product.description,
    url: product.url,
    ...(product.images.length > 0 ? { image: product.images } : {}),
    ...(product.sku ? { sku: product.sku } : {}),
    ...(product.brand ? { brand: { '@type': 'Brand', name: product.brand } } : {}),
    ...(product.category ? { category: product.category } : {}),
    ...(offers ? { offers } : {}),
  };
}

export function breadcrumbJsonLd(crumbs: Crumb[]): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  };
}

/**
 * JSON for a <script type="application/ld+json">: `<` is escaped so a name containing "</script>" can
 * not end the script element early (the JSON stays equivalent).
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

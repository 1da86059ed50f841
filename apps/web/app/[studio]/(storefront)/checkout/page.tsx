import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { CheckoutForm } from '@/components/shop/checkout-form';
import { getMe } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Checkout');
  return { title: t('checkoutTitle'), robots: { index: false } };
}

// The country a new address starts with: where a studio selling in this currency usually ships.
const COUNTRY_BY_CURRENCY: Record<string, string> = { THB: 'TH', USD: 'US', GBP: 'GB', EUR: '' };

export default async function CheckoutPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, me, locale] = await Promise.all([getTranslations('Checkout'), getMe(), getLocale()]);
  const person = me.ok && me.value ? { name: me.value.name, email: me.value.email } : null;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <h1 className="mb-6 text-2xl font-bold tracking-tight sm:text-3xl">{t('checkoutTitle')}</h1>
      <ClientMessages namespaces={['Checkout', 'ApiReasons']}>
        <CheckoutForm
          studio={studio.slug}
          currency={studio.currency}
          locale={locale === 'th' ? 'th' : 'en'}
          person={person}
          defaultCountry={COUNTRY_BY_CURRENCY[studio.currency] ?? ''}
        />
      </ClientMessages>
    </div>
  );
}

import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { CartView } from '@/components/shop/cart-view';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Checkout');
  return { title: t('cartTitle'), robots: { index: false } };
}

export default async function CartPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const t = await getTranslations('Checkout');
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <h1 className="mb-6 text-2xl font-bold tracking-tight sm:text-3xl">{t('cartTitle')}</h1>
      <ClientMessages namespaces={['Checkout', 'ApiReasons']}>
        <CartView studio={studio.slug} currency={studio.currency} />
      </ClientMessages>
    </div>
  );
}

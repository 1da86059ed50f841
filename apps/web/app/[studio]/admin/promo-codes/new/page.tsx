import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { loadCategoryChoices } from '@/components/orders-admin/promo-data';
import { PromoEditor } from '@/components/orders-admin/promo-editor';
import { requireStudio } from '@/lib/studio';
import { studioFacts } from '@/lib/studio-facts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('OrdersAdmin');
  return { title: t('promo.newTitle') };
}

export default async function NewPromoPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, categories] = await Promise.all([
    getTranslations('OrdersAdmin'),
    loadCategoryChoices(studio.slug),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">{t('promo.newTitle')}</h1>
      <ClientMessages namespaces={['OrdersAdmin', 'Forms', 'ApiReasons']}>
        <PromoEditor studio={studioFacts(studio)} promo={null} categories={categories} products={[]} />
      </ClientMessages>
    </div>
  );
}

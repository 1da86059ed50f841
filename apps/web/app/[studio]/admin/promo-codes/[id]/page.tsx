import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AdminProblem } from '@/components/admin/admin-problem';
import { ClientMessages } from '@/components/client-messages';
import { loadCategoryChoices, loadProductChoices } from '@/components/orders-admin/promo-data';
import { PromoEditor } from '@/components/orders-admin/promo-editor';
import { readStudio } from '@/components/orders-admin/server-api';
import type { Promo } from '@/components/orders-admin/types';
import { isUuid } from '@/lib/ids';
import { requireStudio } from '@/lib/studio';
import { studioFacts } from '@/lib/studio-facts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('OrdersAdmin');
  return { title: t('promo.editTitle') };
}

export default async function EditPromoPage({ params }: { params: Promise<{ studio: string; id: string }> }) {
  const [studio, { id }] = await Promise.all([requireStudio(params), params]);
  if (!isUuid(id)) notFound();
  const [t, answer] = await Promise.all([
    getTranslations('OrdersAdmin'),
    readStudio<Promo>(studio.slug, `/admin/promo-codes/${id}`),
  ]);
  if (!answer.ok && answer.error.status === 404) notFound();
  if (!answer.ok) return <AdminProblem error={answer.error} />;
  const promo = answer.value;
  const [categories, products] = await Promise.all([
    loadCategoryChoices(studio.slug),
    promo.appliesTo === 'products' ? loadProductChoices(studio.slug, promo.targetIds) : Promise.resolve([]),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">
        {t('promo.editTitle')} <span className="font-mono">{promo.code}</span>
      </h1>
      <ClientMessages namespaces={['OrdersAdmin', 'Forms', 'ApiReasons']}>
        <PromoEditor studio={studioFacts(studio)} promo={promo} categories={categories} products={products} />
      </ClientMessages>
    </div>
  );
}

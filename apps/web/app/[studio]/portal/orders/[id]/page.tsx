import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { SignInPrompt } from '@/components/auth/sign-in-prompt';
import { OrderView } from '@/components/shop/order-view';
import { loadOrder } from '@/components/shop/shop-server';
import { getMe } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Checkout');
  return { title: t('orderTitle') };
}

/** One of the client's orders in the portal: timeline, receipt, cancel while allowed, instalments. */
export default async function PortalOrderPage({
  params,
}: {
  params: Promise<{ studio: string; id: string }>;
}) {
  const studio = await requireStudio(params);
  const [{ id }, t, me] = await Promise.all([params, getTranslations('Checkout'), getMe()]);
  const back = (
    <Link href={`/${studio.slug}/portal/orders`} className="text-sm font-medium hover:underline">
      ← {t('backToOrders')}
    </Link>
  );
  if (!me.ok || !me.value)
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold tracking-tight">{t('orderTitle')}</h1>
        <SignInPrompt message={t('portalSignIn')} next={`/${studio.slug}/portal/orders/${id}`} />
      </div>
    );
  const order = await loadOrder(studio.slug, id, null);
  if (!order.ok) {
    if (order.error.status === 404 || order.error.status === 400) notFound();
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold tracking-tight">{t('orderTitle')}</h1>
        <ApiProblem error={order.error} />
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {back}
      <OrderView studio={studio} order={order.value} token={null} />
    </div>
  );
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ApiProblem } from '@/components/api-problem';
import { SignInPrompt } from '@/components/auth/sign-in-prompt';
import { OrderView } from '@/components/shop/order-view';
import { stripeReturn } from '@/components/shop/payment-step';
import { loadOrder } from '@/components/shop/shop-server';
import { requireStudio } from '@/lib/studio';

interface OrderPageProps {
  params: Promise<{ studio: string; id: string }>;
  /** `token` (a guest's order link); Stripe adds `payment_intent` and `redirect_status` on its way back. */
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Checkout');
  return { title: t('orderTitle'), robots: { index: false } };
}

/** The confirmation and status page after checkout: the client's own order, or a guest's by token. */
export default async function OrderPage({ params, searchParams }: OrderPageProps) {
  const studio = await requireStudio(params);
  const [{ id }, query, t] = await Promise.all([params, searchParams, getTranslations('Checkout')]);
  const token = typeof query.token === 'string' ? query.token : null;
  const order = await loadOrder(studio.slug, id, token);
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      {order.ok ? (
        <OrderView
          studio={studio}
          order={order.value}
          token={token}
          stripeReturn={stripeReturn(query)?.outcome ?? null}
        />
      ) : order.error.status === 401 ? (
        <>
          <h1 className="mb-6 text-2xl font-bold tracking-tight">{t('orderTitle')}</h1>
          <SignInPrompt message={t('orderSignIn')} next={`/${studio.slug}/orders/${id}`} />
        </>
      ) : order.error.status === 404 || order.error.status === 400 ? (
        notFound()
      ) : (
        <>
          <h1 className="mb-6 text-2xl font-bold tracking-tight">{t('orderTitle')}</h1>
          <ApiProblem error={order.error} />
        </>
      )}
    </div>
  );
}

import { AtelierApiError } from '@atelier/sdk';
import { getTranslations } from 'next-intl/server';
import { MoneyProblem } from '@/components/orders-admin/problem';
import type { PortalFailure } from './portal-failure';

/**
 * The failure in the owner's words, then the page's usual problem block (status, code, request id):
 * 409 says the studio pays nothing by card, 403 that only owners manage billing, anything else that
 * Stripe could not be opened and to try again.
 */
export async function PortalProblem({ failure }: { failure: PortalFailure }) {
  const t = await getTranslations('OrdersAdmin');
  const detail =
    failure.status === 409
      ? t('billing.portal.notByCard')
      : failure.status === 403
        ? t('billing.ownersOnly')
        : t('billing.portal.unavailable');
  const error = new AtelierApiError({
    status: failure.status,
    code: failure.code,
    detail,
    ...(failure.requestId ? { requestId: failure.requestId } : {}),
  });
  return (
    <section
      aria-labelledby="billing-portal-problem"
      className="space-y-3"
      data-testid="billing-portal-problem"
    >
      <div role="alert" className="space-y-1 text-sm">
        <h2 id="billing-portal-problem" className="font-semibold">
          {t('billing.portal.failed')}
        </h2>
        <p>{detail}</p>
      </div>
      <MoneyProblem error={error} />
    </section>
  );
}

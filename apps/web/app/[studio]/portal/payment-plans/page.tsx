import { CalendarClock } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { PlanList } from '@/components/plans/plan-list';
import type { PaymentPlanPage } from '@/components/plans/plan-model';
import { getAsSession } from '@/lib/session';
import { shopPaths } from '@/lib/shop';
import {
  EmptyPortalList,
  OlderLink,
  PortalList,
  type PortalListProps,
  portalListMetadata,
  readPortalList,
} from '../portal-page';

export const generateMetadata = portalListMetadata('payment-plans');

/**
 * The signed-in client's payment plans with this studio, newest first: the way to a plan other than
 * its order's page or the emails.
 */
export default async function PaymentPlansPage(props: PortalListProps) {
  const [list, t] = await Promise.all([
    readPortalList('payment-plans', props, (studio, cursor) => {
      const query = new URLSearchParams({ limit: '20', ...(cursor ? { cursor } : {}) });
      return getAsSession<PaymentPlanPage>(`${shopPaths.api(studio.slug)}/my/payment-plans?${query}`);
    }),
    getTranslations('PaymentPlans'),
  ]);
  const { studio } = list;
  return (
    <PortalList list={list} signInMessage={t('listSignIn')}>
      {({ items, nextCursor }) => (
        <>
          {items.length === 0 ? (
            <EmptyPortalList
              icon={<CalendarClock />}
              title={t('emptyTitle')}
              description={t('emptyDescription', { name: studio.name })}
              studio={studio.slug}
              shopLabel={t('browse')}
            />
          ) : (
            <PlanList plans={items} studio={studio.slug} timeZone={studio.timezone} />
          )}
          <OlderLink path={list.path} nextCursor={nextCursor} label={t('olderPlans')} />
        </>
      )}
    </PortalList>
  );
}

import { CalendarClock } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SignInPrompt } from '@/components/admin/sign-in-prompt';
import { ApiProblem } from '@/components/api-problem';
import { PlanList } from '@/components/plans/plan-list';
import type { PaymentPlanPage } from '@/components/plans/plan-model';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { getAsSession, getMe } from '@/lib/session';
import { shopPaths } from '@/lib/shop';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Portal');
  return { title: `${t('sections.payment-plans')} · ${t('area')}` };
}

interface PaymentPlansPageProps {
  params: Promise<{ studio: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}

/**
 * The signed-in client's payment plans with this studio, newest first: the way to a plan other than
 * its order's page or the emails.
 */
export default async function PaymentPlansPage({ params, searchParams }: PaymentPlansPageProps) {
  const studio = await requireStudio(params);
  const [{ cursor }, t, tPortal, me] = await Promise.all([
    searchParams,
    getTranslations('PaymentPlans'),
    getTranslations('Portal'),
    getMe(),
  ]);
  const base = `/${studio.slug}/portal/payment-plans`;
  const heading = <h1 className="text-2xl font-bold tracking-tight">{tPortal('sections.payment-plans')}</h1>;
  if (!me.ok || !me.value)
    return (
      <div className="space-y-6">
        {heading}
        <SignInPrompt message={t('listSignIn')} next={base} />
      </div>
    );
  const query = new URLSearchParams({ limit: '20', ...(typeof cursor === 'string' ? { cursor } : {}) });
  const answer = await getAsSession<PaymentPlanPage>(
    `${shopPaths.api(studio.slug)}/my/payment-plans?${query}`,
  );
  if (!answer.ok)
    return (
      <div className="space-y-6">
        {heading}
        <ApiProblem error={answer.error} />
      </div>
    );
  const { items, nextCursor } = answer.value;
  return (
    <div className="space-y-6">
      {heading}
      {items.length === 0 ? (
        <EmptyState
          icon={<CalendarClock />}
          title={t('emptyTitle')}
          description={t('emptyDescription', { name: studio.name })}
          action={
            <Button asChild>
              <Link href={`/${studio.slug}`}>{t('browse')}</Link>
            </Button>
          }
        />
      ) : (
        <PlanList plans={items} studio={studio.slug} timeZone={studio.timezone} />
      )}
      {nextCursor ? (
        <Button asChild variant="outline">
          <Link href={`${base}?cursor=${encodeURIComponent(nextCursor)}`}>{t('olderPlans')}</Link>
        </Button>
      ) : null}
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { SignInPrompt } from '@/components/auth/sign-in-prompt';
import type { PaymentPlanPage } from '@/components/plans/plan-model';
import { orderStatusKey } from '@/components/shop/order-labels';
import { countMyOrdersWaiting, loadMyOrders, loadMyWallet } from '@/components/shop/shop-server';
import { Button } from '@/components/ui/button';
import { PORTAL_SECTIONS } from '@/lib/areas';
import { formatDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { getAsSession, getMe } from '@/lib/session';
import { shopPaths } from '@/lib/shop';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Portal');
  return { title: t('area') };
}

/** The sections a client can use today; the others still say "coming soon" on their own pages. */
const SHIPPED = ['orders', 'wallet', 'payment-plans'] as const;
type Shipped = (typeof SHIPPED)[number];

/** One line per section saying where the client stands, and whether something waits for them. */
interface Fact {
  text: string;
  /** Something the client is asked to do (an order to pay): drawn so it is not missed. */
  attention?: string;
}

/**
 * The portal's front page: where a signed-in client stands with the studio (the latest order and what
 * waits for payment, the wallet balance, the next instalment) with the way into each section, or a
 * sign-in that comes back here. A section whose read fails shows its card without the line.
 */
export default async function PortalDashboard({ params }: { params: Promise<{ studio: string }> }) {
  const [studio, t, me] = await Promise.all([requireStudio(params), getTranslations('Portal'), getMe()]);
  const base = `/${studio.slug}/portal`;
  const signedIn = me.ok && me.value;
  const facts = signedIn ? await readFacts(studio.slug, studio.timezone) : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">{t('sections.dashboard')}</h1>
      {!signedIn ? (
        <SignInPrompt message={t('signInPrompt', { name: studio.name })} next={base} />
      ) : (
        <>
          <p className="text-muted-foreground">{t('dashboardIntro', { name: studio.name })}</p>
          <ul className="grid gap-4 sm:grid-cols-3" data-testid="portal-dashboard">
            {SHIPPED.map((segment) => {
              const Icon = PORTAL_SECTIONS.find((section) => section.segment === segment)?.icon;
              const fact = facts?.[segment];
              return (
                <li key={segment}>
                  <Link
                    href={`${base}/${segment}`}
                    className="flex h-full flex-col gap-2 rounded-xl border p-5 hover:border-foreground/40 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                  >
                    <span className="flex items-center gap-2 font-semibold">
                      {Icon ? <Icon aria-hidden="true" className="size-5" /> : null}
                      {t(`sections.${segment}`)}
                    </span>
                    {fact ? (
                      <span className="font-medium tabular-nums" data-testid={`portal-fact-${segment}`}>
                        {fact.text}
                      </span>
                    ) : null}
                    {fact?.attention ? (
                      <span
                        data-testid={`portal-attention-${segment}`}
                        className="w-fit rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-100"
                      >
                        {fact.attention}
                      </span>
                    ) : null}
                    <span className="text-sm text-muted-foreground">
                      {t(`dashboardCards.${segment}`, { name: studio.name })}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
          <Button asChild variant="outline">
            <Link href={`/${studio.slug}`}>{t('browse')}</Link>
          </Button>
        </>
      )}
    </div>
  );
}

/** The reads run side by side; each card's line is worded in the reader's language. */
async function readFacts(studio: string, timeZone: string): Promise<Partial<Record<Shipped, Fact>>> {
  const planQuery = new URLSearchParams({ limit: '20' });
  const [orders, waiting, wallet, plans, t, checkout, locale] = await Promise.all([
    loadMyOrders(studio),
    countMyOrdersWaiting(studio),
    loadMyWallet(studio),
    getAsSession<PaymentPlanPage>(`${shopPaths.api(studio)}/my/payment-plans?${planQuery}`),
    getTranslations('Portal.facts'),
    getTranslations('Checkout'),
    getLocale(),
  ]);
  const facts: Partial<Record<Shipped, Fact>> = {};

  if (orders.ok) {
    const [latest] = orders.value.items;
    const waitingCount = waiting.ok ? waiting.value : 0;
    facts.orders = {
      text: latest
        ? t('latestOrder', { number: latest.number, status: checkout(`status.${orderStatusKey(latest)}`) })
        : t('noOrders'),
      ...(waitingCount > 0 ? { attention: t('awaitingPayment', { count: waitingCount }) } : {}),
    };
  }
  if (wallet.ok) {
    const { balanceMinor, currency } = wallet.value;
    facts.wallet = {
      text: t('balance', { amount: formatMoney({ amountMinor: balanceMinor, currency }, locale) }),
    };
  }
  if (plans.ok) {
    // The soonest instalment still to pay, across the client's running plans.
    const due = plans.value.items
      .flatMap((plan) =>
        plan.status === 'active' && plan.nextInstalment
          ? [{ ...plan.nextInstalment, currency: plan.currency }]
          : [],
      )
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    facts['payment-plans'] = {
      text: due
        ? t('nextDue', {
            amount: formatMoney({ amountMinor: due.amountMinor, currency: due.currency }, locale),
            date: formatDate(due.dueAt, locale, timeZone),
          })
        : t('nothingDue'),
    };
  }
  return facts;
}

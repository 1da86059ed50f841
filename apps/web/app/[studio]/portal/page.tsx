import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SignInPrompt } from '@/components/auth/sign-in-prompt';
import { Button } from '@/components/ui/button';
import { PORTAL_SECTIONS } from '@/lib/areas';
import { getMe } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Portal');
  return { title: t('area') };
}

/** The sections a client can use today; the others still say "coming soon" on their own pages. */
const SHIPPED = ['orders', 'wallet', 'payment-plans'] as const;

/**
 * The portal's front page: where a signed-in client goes next (orders, wallet, payment plans), or a
 * sign-in that comes back here. It used to say client sign-in was "coming soon" to clients signed in.
 */
export default async function PortalDashboard({ params }: { params: Promise<{ studio: string }> }) {
  const [studio, t, me] = await Promise.all([requireStudio(params), getTranslations('Portal'), getMe()]);
  const base = `/${studio.slug}/portal`;
  const signedIn = me.ok && me.value;
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

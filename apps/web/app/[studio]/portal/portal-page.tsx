import type { Studio } from '@atelier/sdk';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ApiProblem } from '@/components/api-problem';
import { SignInPrompt } from '@/components/auth/sign-in-prompt';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import type { Outcome } from '@/lib/api';
import { getMe } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

/*
 * The portal's lists of what a client has with the studio (orders, wallet entries, payment plans),
 * newest first, a page at a time (`?cursor=`). Each is for the signed-in client only.
 */

type PortalSection = 'orders' | 'wallet' | 'payment-plans';

export interface PortalListProps {
  params: Promise<{ studio: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}

/** A portal list as read for one visitor: nothing when signed out, else the API's answer. */
export type PortalListRead<T> = {
  studio: Studio;
  title: string;
  /** The list's own path: where sign-in comes back to and its pages link to. */
  path: string;
} & ({ signedIn: false } | { signedIn: true; answer: Outcome<T> });

/** The `generateMetadata` of a portal list: "<section> · Client portal". */
export function portalListMetadata(section: PortalSection): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations('Portal');
    return { title: `${t(`sections.${section}`)} · ${t('area')}` };
  };
}

/** Reads a portal list's page (from its cursor) with `load`, only when a client is signed in. */
export async function readPortalList<T>(
  section: PortalSection,
  { params, searchParams }: PortalListProps,
  load: (studio: Studio, cursor: string | undefined) => Promise<Outcome<T>>,
): Promise<PortalListRead<T>> {
  const studio = await requireStudio(params);
  const [{ cursor }, t, me] = await Promise.all([searchParams, getTranslations('Portal'), getMe()]);
  const frame = { studio, title: t(`sections.${section}`), path: `/${studio.slug}/portal/${section}` };
  if (!me.ok || !me.value) return { ...frame, signedIn: false };
  return {
    ...frame,
    signedIn: true,
    answer: await load(studio, typeof cursor === 'string' ? cursor : undefined),
  };
}

/** A portal page: its h1, then what it shows. */
export function PortalPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      {children}
    </div>
  );
}

/** A portal list's page: sign in (and come back) when signed out, why it could not be read, or the list. */
export function PortalList<T>({
  list,
  signInMessage,
  children,
}: {
  list: PortalListRead<T>;
  signInMessage: string;
  children: (value: T) => ReactNode;
}) {
  return (
    <PortalPage title={list.title}>
      {!list.signedIn ? (
        <SignInPrompt message={signInMessage} next={list.path} />
      ) : !list.answer.ok ? (
        <ApiProblem error={list.answer.error} />
      ) : (
        children(list.answer.value)
      )}
    </PortalPage>
  );
}

/** An empty portal list: what would be here, and the way to the studio's shop. */
export function EmptyPortalList({
  icon,
  title,
  description,
  studio,
  shopLabel,
}: {
  icon: ReactNode;
  title: string;
  description: string;
  /** The studio's slug: its storefront is the way out. */
  studio: string;
  shopLabel: string;
}) {
  return (
    <EmptyState
      icon={icon}
      title={title}
      description={description}
      action={
        <Button asChild>
          <Link href={`/${studio}`}>{shopLabel}</Link>
        </Button>
      }
    />
  );
}

/** The link to the next, older page of a portal list, while there is one. */
export function OlderLink({
  path,
  nextCursor,
  label,
  className,
}: {
  path: string;
  nextCursor: string | null | undefined;
  label: string;
  className?: string;
}) {
  if (!nextCursor) return null;
  return (
    <Button asChild variant="outline" className={className}>
      <Link href={`${path}?cursor=${encodeURIComponent(nextCursor)}`}>{label}</Link>
    </Button>
  );
}

import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { SkipLink } from '@/components/skip-link';
import { cn } from '@/lib/cn';

/** The platform's own pages (sign-in, account, new studio): skip link, header, one <main>. */
export function PageShell({ children, width = 'wide' }: { children: ReactNode; width?: 'narrow' | 'wide' }) {
  return (
    <>
      <SkipLink />
      <SiteHeader />
      <main
        id="main"
        tabIndex={-1}
        className={cn('mx-auto px-4 py-8 sm:px-6 sm:py-12', width === 'narrow' ? 'max-w-md' : 'max-w-4xl')}
      >
        {children}
      </main>
    </>
  );
}

/** Title and lead of a page, the h1 every page has. */
export function PageHeading({ title, lead }: { title: string; lead?: ReactNode }) {
  return (
    <div className="mb-6 space-y-2">
      <h1 className="text-2xl font-bold tracking-tight text-balance sm:text-3xl">{title}</h1>
      {lead ? <p className="text-muted-foreground">{lead}</p> : null}
    </div>
  );
}

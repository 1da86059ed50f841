'use client';

import { useTranslations } from 'next-intl';

/**
 * The root error boundary. It is part of every route's tree, so its client code loads on every page:
 * plain elements and inline icons only (no Button/cn, which would pull Radix and tailwind-merge into the
 * storefront's first load).
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('Error');
  // Server errors arrive without their message in production; the digest matches the server's log line.
  const digest = error instanceof Error && 'digest' in error ? String(error.digest) : undefined;
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-2xl px-4 py-16 sm:px-6">
      <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-12 text-center">
        <div className="rounded-full bg-muted p-3 text-muted-foreground" aria-hidden="true">
          {/* Lucide's "triangle-alert", inline. */}
          <svg className="size-6" aria-hidden="true" {...ICON}>
            <path d="m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3" />
            <path d="M12 9v4" />
            <path d="M12 17h.01" />
          </svg>
        </div>
        <h1 className="text-lg font-semibold text-balance">{t('title')}</h1>
        <div className="max-w-prose text-sm text-muted-foreground">
          <p>{t('description')}</p>
          {digest ? <p className="mt-2 font-mono text-xs">{t('reference', { digest })}</p> : null}
        </div>
        <div className="mt-2 flex flex-wrap items-center justify-center gap-2">
          <button
            type="button"
            onClick={() => retry()}
            className="inline-flex h-10 items-center justify-center gap-2 rounded-md bg-brand px-4 text-sm font-medium text-brand-foreground transition-colors hover:bg-brand/90"
          >
            {/* Lucide's "rotate-cw", inline. */}
            <svg className="size-4" aria-hidden="true" {...ICON}>
              <path d="M21 12a9 9 0 1 1-9-9c2.52 0 4.93 1 6.74 2.74L21 8" />
              <path d="M21 3v5h-5" />
            </svg>
            {t('retry')}
          </button>
          <a
            href="/"
            className="inline-flex h-10 items-center justify-center rounded-md border border-input bg-background px-4 text-sm font-medium transition-colors hover:bg-muted"
          >
            {t('home')}
          </a>
        </div>
      </div>
    </main>
  );
}

const ICON = {
  xmlns: 'http://www.w3.org/2000/svg',
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

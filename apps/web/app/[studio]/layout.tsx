import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ApiProblem } from '@/components/api-problem';
import { SkipLink } from '@/components/skip-link';
import { loadStudio } from '@/lib/api';
import { brandStyle } from '@/lib/brand';

interface StudioLayoutProps {
  children: ReactNode;
  params: Promise<{ studio: string }>;
}

export async function generateMetadata({ params }: Omit<StudioLayoutProps, 'children'>): Promise<Metadata> {
  const { studio: slug } = await params;
  const studio = await loadStudio(slug);
  if (!studio.ok) return {};
  return {
    title: { default: studio.value.name, template: `%s · ${studio.value.name}` },
    description: studio.value.tagline,
  };
}

/** Every page of one studio: 404 for an unknown slug, and the studio's colours as CSS variables. */
export default async function StudioLayout({ children, params }: StudioLayoutProps) {
  const { studio: slug } = await params;
  const [studio, locale] = await Promise.all([loadStudio(slug), getLocale()]);
  if (!studio.ok) {
    if (studio.error.status === 404) notFound();
    return (
      <>
        <SkipLink />
        {/* Not SiteHeader: its account and theme menus would put their client code into the bundle of every
            page under this layout (the storefront included), not only this error page. */}
        <header className="border-b">
          <div className="mx-auto flex h-16 max-w-6xl items-center px-4 sm:px-6">
            <Link href="/" className="rounded-md font-semibold">
              Atelier
            </Link>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto max-w-2xl px-4 py-16 sm:px-6">
          <ApiProblem error={studio.error} headingLevel="h1" />
        </main>
      </>
    );
  }
  return (
    // lang: after a client-side navigation the root <html lang> is not re-rendered, this is.
    <div
      data-brand=""
      lang={locale}
      style={brandStyle(studio.value.brand)}
      className="flex min-h-dvh flex-col"
    >
      {children}
    </div>
  );
}

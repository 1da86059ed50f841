import { ChevronRight } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export interface BreadcrumbLink {
  name: string;
  href: string;
}

/** Where a page sits: links to each level, the last one is the current page (not a link). */
export async function Breadcrumbs({ trail, contentLang }: { trail: BreadcrumbLink[]; contentLang: string }) {
  const t = await getTranslations('Shop');
  return (
    <nav aria-label={t('breadcrumbs')} className="text-sm text-muted-foreground">
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-1">
        {trail.map((crumb, index) => {
          const last = index === trail.length - 1;
          return (
            <li key={crumb.href} className="flex items-center gap-1">
              {last ? (
                <span
                  aria-current="page"
                  className="font-medium text-foreground"
                  lang={index > 0 ? contentLang : undefined}
                >
                  {crumb.name}
                </span>
              ) : (
                <>
                  <Link
                    href={crumb.href}
                    prefetch={false}
                    // 24 px tall at least: a target a thumb can hit (WCAG 2.5.8), not just the text's line.
                    className="inline-flex min-h-6 items-center rounded-sm hover:text-foreground hover:underline"
                    lang={index > 0 ? contentLang : undefined}
                  >
                    {crumb.name}
                  </Link>
                  <ChevronRight className="size-3.5" aria-hidden="true" />
                </>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

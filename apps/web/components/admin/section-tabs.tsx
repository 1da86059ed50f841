'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useRef } from 'react';
import { useCurrentLinkInView } from '@/components/side-nav';
import { cn } from '@/lib/cn';

/**
 * A section's own tabs above its pages (the catalog's items, categories, brands…; payments, their
 * settings, the wallet); a scrolling row on phones. The first tab is the section's home and also stands
 * for pages below it that have no tab of their own (an item's editor under /catalog/<id>): it is then
 * marked current but not the page.
 */
export function SectionTabs({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const current =
    links.slice(1).find((link) => pathname === link.href || pathname.startsWith(`${link.href}/`))?.href ??
    links[0]?.href;
  const row = useRef<HTMLElement>(null);
  useCurrentLinkInView(row, pathname);
  return (
    <nav ref={row} aria-label={label} className="-mx-4 overflow-x-auto border-b px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {links.map((link) => (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={link.href === current ? (pathname === link.href ? 'page' : 'true') : undefined}
              className={cn(
                '-mb-px inline-flex whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium',
                link.href === current
                  ? 'border-brand text-foreground'
                  : 'border-transparent text-muted-foreground hover:text-foreground',
              )}
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, type RefObject, useEffect, useRef } from 'react';
import { cn } from '@/lib/cn';

export interface SideNavItem {
  href: string;
  label: string;
  icon: ReactNode;
}

/**
 * On a phone the nav is a row wider than the screen: bring the current link (`aria-current`) into view,
 * or a phone user on Payments, Team or Settings sees a row that does not show where they are. Only the
 * row scrolls sideways; the page itself does not move (no scrollIntoView).
 */
export function useCurrentLinkInView(row: RefObject<HTMLElement | null>, pathname: string) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the current link changes with the pathname
  useEffect(() => {
    const container = row.current;
    const link = container?.querySelector<HTMLElement>('[aria-current]');
    if (!container || !link || container.scrollWidth <= container.clientWidth) return;
    const linkBox = link.getBoundingClientRect();
    const rowBox = container.getBoundingClientRect();
    if (linkBox.left >= rowBox.left && linkBox.right <= rowBox.right) return;
    container.scrollLeft += linkBox.left - rowBox.left - (rowBox.width - linkBox.width) / 2;
  }, [row, pathname]);
}

/** A column of links on wide screens, a scrollable row on phones; marks the current page. */
export function SideNav({ label, items }: { label: string; items: SideNavItem[] }) {
  const pathname = usePathname();
  const row = useRef<HTMLElement>(null);
  useCurrentLinkInView(row, pathname);
  return (
    <nav
      ref={row}
      aria-label={label}
      className="-mx-4 overflow-x-auto px-4 md:mx-0 md:overflow-visible md:px-0"
    >
      <ul className="flex gap-1 md:flex-col">
        {items.map((item, index) => {
          // A section stays marked on its own sub-pages (/admin/catalog/categories); the first item is
          // the area's root, a prefix of every path, so it is marked only on itself.
          const exact = pathname === item.href;
          const current = exact || (index > 0 && pathname.startsWith(`${item.href}/`));
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={exact ? 'page' : current ? 'true' : undefined}
                className={cn(
                  'flex items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium [&_svg]:size-4 [&_svg]:shrink-0',
                  current
                    ? 'bg-brand text-brand-foreground'
                    : 'text-muted-foreground hover:bg-muted hover:text-foreground',
                )}
              >
                {item.icon}
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

import Link from 'next/link';
import type { ReactNode } from 'react';
import { AdminProblem } from '@/components/admin/admin-problem';
import { Button } from '@/components/ui/button';
import type { Outcome } from '@/lib/api';

/**
 * One page of an admin list: why it could not be read, the empty state (say whether filters emptied it),
 * or the rows followed by the pager.
 */
export function ListResults<T>({
  page,
  empty,
  pager,
  children,
}: {
  page: Outcome<{ items: T[] }>;
  empty: ReactNode;
  pager?: ReactNode;
  /** The rows, given the page's items (never empty). */
  children: (items: T[]) => ReactNode;
}) {
  if (!page.ok) return <AdminProblem error={page.error} />;
  if (page.value.items.length === 0) return empty;
  return (
    <>
      {children(page.value.items)}
      {pager}
    </>
  );
}

/**
 * The links between a list's pages (`pageLinks` in lib/search-params.ts): back to the first page on
 * the left once past it, the next page on the right while there is one.
 */
export function Pager({
  links,
  labels,
}: {
  links: { first: string | null; next: string | null };
  /** `pages` names the navigation; `first` may be left out where `links.first` is always null. */
  labels: { pages: string; first?: string; next: string };
}) {
  return (
    <nav aria-label={labels.pages} className="flex justify-between gap-3">
      {links.first ? (
        <Button asChild variant="outline">
          <Link href={links.first}>{labels.first}</Link>
        </Button>
      ) : (
        // Keeps "next" on the right on the first page.
        <span />
      )}
      {links.next ? (
        <Button asChild variant="outline">
          <Link href={links.next}>{labels.next}</Link>
        </Button>
      ) : null}
    </nav>
  );
}

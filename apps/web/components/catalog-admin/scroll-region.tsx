import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

/**
 * A named region that scrolls on its own (a wide table on a phone). It takes focus so keyboard users
 * can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={label}
      className={cn(
        // Positioned, so what is placed absolutely inside (a table's sr-only caption) scrolls with it;
        // a shadow at a side says more is hidden there (a cut-off column looked like the last one).
        'scroll-shadow-x relative overflow-auto rounded-lg border focus-visible:outline-2 focus-visible:outline-brand',
        className,
      )}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
    >
      {children}
    </section>
  );
}

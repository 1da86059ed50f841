import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/** A placeholder block while content streams in; hidden from assistive tech (announce loading elsewhere). */
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-muted', className)} {...props} />;
}

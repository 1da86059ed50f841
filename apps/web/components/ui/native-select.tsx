import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/** A styled native <select>: keyboard, screen readers and phones handle it as they know best. */
export function NativeSelect({ className, ...props }: ComponentProps<'select'>) {
  return (
    <select
      className={cn(
        'flex h-10 w-full rounded-md border border-input bg-background px-3 py-2 text-base disabled:cursor-not-allowed disabled:opacity-50 sm:text-sm',
        className,
      )}
      {...props}
    />
  );
}

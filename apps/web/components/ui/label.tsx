import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export function Label({ className, ...props }: ComponentProps<'label'>) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the caller passes htmlFor (or nests the control)
    <label className={cn('text-sm font-medium leading-none', className)} {...props} />
  );
}

'use client';

import { Paperclip } from 'lucide-react';
import { type ChangeEvent, type ComponentProps, type ReactNode, useEffect, useState } from 'react';
import { cn } from '@/lib/cn';

export interface FilePickerProps extends Omit<ComponentProps<'input'>, 'type' | 'className' | 'children'> {
  /** The input's id: the caller's own `<Label htmlFor>` names it (e2e finds it by that label or id). */
  id: string;
  /** The button's text, in the reader's language ("Choose file"). */
  chooseLabel: string;
  /** Shown beside the button while nothing is chosen ("No file chosen"). */
  emptyLabel: string;
  /**
   * What is chosen, when the caller keeps it (a dropped file, or a list cleared after an upload, since
   * setting `input.value = ''` fires no change event). Left out, the picker shows what the input holds.
   */
  selected?: readonly File[] | null;
  /** Replaces the file name(s) beside the button, e.g. "prices.csv (12 KB)". */
  describe?: (files: readonly File[]) => ReactNode;
  /** An icon for the button; a paperclip by default. */
  icon?: ReactNode;
  className?: string;
}

const names = (files: readonly File[]) => files.map((file) => file.name).join(', ');

/**
 * A file input that looks like the design system instead of the browser's "Choose File / No file
 * chosen", whose words are the browser's own language, not the page's. The real `<input type="file">`
 * stays: transparent over the button, so a click or tap lands on it and it opens the picker without any
 * script (before hydration too), it takes keyboard focus and its label, and `setInputFiles` still works.
 * The button draws the input's focus ring (`peer-focus-visible`), since the input itself is invisible.
 */
export function FilePicker({
  id,
  chooseLabel,
  emptyLabel,
  selected,
  describe,
  icon,
  className,
  onChange,
  disabled,
  'aria-describedby': describedBy,
  ...props
}: FilePickerProps) {
  const [held, setHeld] = useState<readonly File[]>([]);
  const shownId = `${id}-chosen`;

  // A form reset empties the input without a change event; follow it.
  useEffect(() => {
    const form = (document.getElementById(id) as HTMLInputElement | null)?.form;
    if (!form) return;
    const cleared = () => setHeld([]);
    form.addEventListener('reset', cleared);
    return () => form.removeEventListener('reset', cleared);
  }, [id]);

  const files = selected === undefined ? held : (selected ?? []);
  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    setHeld(event.target.files ? [...event.target.files] : []);
    onChange?.(event);
  };

  return (
    <div className={cn('flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1', className)}>
      <span className="relative inline-flex shrink-0">
        <input
          id={id}
          type="file"
          disabled={disabled}
          onChange={handleChange}
          aria-describedby={[describedBy, shownId].filter(Boolean).join(' ')}
          className="peer absolute inset-0 size-full cursor-pointer opacity-0 disabled:cursor-not-allowed"
          {...props}
        />
        {/* Looks like an outline Button; hidden from assistive tech, which reaches the input instead. */}
        <span
          aria-hidden="true"
          className="pointer-events-none inline-flex h-10 items-center justify-center gap-2 whitespace-nowrap rounded-md border border-input bg-background px-4 text-sm font-medium transition-colors peer-hover:bg-muted peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-ring peer-disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0"
        >
          {icon ?? <Paperclip />}
          {chooseLabel}
        </span>
      </span>
      <span
        id={shownId}
        className={cn('min-w-0 max-w-full truncate text-sm', files.length === 0 && 'text-muted-foreground')}
        data-testid={`${id}-chosen`}
      >
        {files.length === 0 ? emptyLabel : describe ? describe(files) : names(files)}
      </span>
    </div>
  );
}

'use client';

import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

/** A checkout step: a titled block, or a fieldset whose legend is the title (radio groups). */
export function Section({
  title,
  children,
  as = 'section',
  error,
}: {
  title: string;
  children: ReactNode;
  as?: 'section' | 'fieldset';
  error?: string | undefined;
}) {
  const heading = <span className="text-lg font-semibold">{title}</span>;
  const errorLine = error ? (
    <p className="mb-2 text-sm font-medium text-destructive" data-form-message="error" tabIndex={-1}>
      {error}
    </p>
  ) : null;
  if (as === 'fieldset')
    return (
      // The legend floats so it sits inside the card like the other steps' headings, not on its border.
      <fieldset className="min-w-0 rounded-xl border p-5">
        <legend className="float-left mb-4 w-full p-0">{heading}</legend>
        <div className="clear-both">
          {errorLine}
          {children}
        </div>
      </fieldset>
    );
  return (
    <section className="rounded-xl border p-5">
      <h2 className="mb-4">{heading}</h2>
      {errorLine}
      {children}
    </section>
  );
}

/** A radio as a card: the whole card is the label, focus shows on the card. */
export function ChoiceCard({
  name,
  value,
  checked,
  onChange,
  title,
  description,
  aside,
  badge,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  title: string;
  description?: string | undefined;
  aside?: string | undefined;
  badge?: string | undefined;
}) {
  return (
    <label
      className={cn(
        'flex cursor-pointer items-start gap-3 rounded-lg border p-3 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring',
        checked ? 'border-brand bg-brand/5' : 'hover:border-foreground/40',
      )}
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onChange}
        className="mt-1 size-4 shrink-0 accent-brand"
      />
      <span className="flex min-w-0 flex-1 flex-col gap-0.5">
        <span className="flex flex-wrap items-center gap-2 text-sm font-medium">
          {title}
          {badge ? (
            <span className="rounded bg-brand px-1.5 py-0.5 text-[0.7rem] font-bold uppercase tracking-wide text-brand-foreground">
              {badge}
            </span>
          ) : null}
        </span>
        {description ? <span className="text-sm text-muted-foreground">{description}</span> : null}
      </span>
      {aside ? <span className="text-sm font-medium tabular-nums">{aside}</span> : null}
    </label>
  );
}

/** A checkbox with its words beside it, the whole line clickable. */
export function CheckLine({
  checked,
  onChange,
  name,
  className,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={cn('flex items-center gap-2 text-sm', className)}>
      <input
        type="checkbox"
        className="size-4 shrink-0 accent-brand"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        {...(name ? { name } : {})}
      />
      {children}
    </label>
  );
}

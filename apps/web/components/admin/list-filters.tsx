import { Search } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { cn } from '@/lib/cn';

/*
 * The filters above an admin list. They are a plain GET form: the URL is the filter's state, so a
 * filtered list can be shared and works without JavaScript (lib/search-params.ts reads it back).
 * A field's hint and error have the ids `<id>-hint` and `<id>-error`, which its control points to.
 */

/** The filter form; `className` sets the columns of its grid on wide screens. */
export function FilterForm({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      aria-label={label}
      className={cn('grid gap-3 sm:grid-cols-2 lg:items-start', className)}
    >
      {children}
    </form>
  );
}

/** The aria-describedby of a filter's control: its error when it has one, else its hint, if any. */
export function describedBy(id: string, { hint, error }: { hint?: ReactNode; error?: ReactNode }) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

/** One labelled filter: the control (children), then its error or its hint. */
export function FilterField({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn('space-y-1', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A choice among fixed values, first of which is "any" (the empty value: no filter). */
export function SelectFilter({
  id,
  name,
  label,
  anyLabel,
  value,
  options,
  className,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  className?: string;
}) {
  return (
    <FilterField id={id} label={label} className={className}>
      <NativeSelect id={id} name={name} defaultValue={value ?? ''}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </FilterField>
  );
}

/** A calendar day (`YYYY-MM-DD`, the studio's days), with the error when the URL held a bad one. */
export function DayFilter({
  id,
  name,
  label,
  value,
  error,
  className,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string;
  className?: string;
}) {
  return (
    <FilterField id={id} label={label} error={error} className={className}>
      <Input
        id={id}
        name={name}
        type="date"
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { error })}
      />
    </FilterField>
  );
}

/**
 * From and to, as two day filters `<idPrefix>-from` and `<idPrefix>-to` (query `from` and `to`).
 * Pass the days to show back: '' for one the page could not use, so the field shows it is unset.
 */
export function DayRangeFilter({
  idPrefix,
  labels,
  from,
  to,
  errors,
  className,
}: {
  idPrefix: string;
  labels: { from: string; to: string };
  from: string;
  to: string;
  errors?: { from?: string; to?: string };
  className?: string;
}) {
  return (
    <>
      {(['from', 'to'] as const).map((end) => (
        <DayFilter
          key={end}
          id={`${idPrefix}-${end}`}
          name={end}
          label={labels[end]}
          value={end === 'from' ? from : to}
          error={errors?.[end]}
          className={className}
        />
      ))}
    </>
  );
}

/** The button that applies the filters. */
export function ApplyFilters({ label }: { label: string }) {
  return (
    <Button type="submit" variant="outline">
      <Search aria-hidden="true" />
      {label}
    </Button>
  );
}

/**
 * Apply, and while the list is filtered, a link back to the whole list; on wide screens at the end of
 * their cell (`className` places the cell in the grid). Wherever fields stand side by side they sit
 * level with the other fields' controls: an empty label line above them, built like a field's, keeps
 * that true whatever a field shows under its control (a hint, an error).
 */
export function FilterActions({
  applyLabel,
  clear,
  className,
  ownRow = false,
}: {
  applyLabel: string;
  /** The unfiltered list; null or absent while nothing is filtered. */
  clear?: { href: string; label: string } | null;
  className?: string;
  /** The cell spans whole rows wherever fields stand side by side: no label line to keep level with. */
  ownRow?: boolean;
}) {
  return (
    <div className={cn('space-y-1', className)}>
      {ownRow ? null : (
        <span aria-hidden="true" className="hidden text-sm leading-none sm:inline">
          &nbsp;
        </span>
      )}
      <div className="flex gap-2 lg:justify-end">
        <ApplyFilters label={applyLabel} />
        {clear ? (
          <Button asChild variant="ghost">
            <Link href={clear.href}>{clear.label}</Link>
          </Button>
        ) : null}
      </div>
    </div>
  );
}

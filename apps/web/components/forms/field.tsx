'use client';

import type { ComponentProps, ReactNode } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/cn';

interface FieldProps extends Omit<ComponentProps<'input'>, 'id' | 'name'> {
  /** Used as both id and name. */
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** An id prefix when the same field name appears twice on a page. */
  idPrefix?: string;
}

/** A labelled input whose hint and error are announced with it (aria-describedby, aria-invalid). */
export function Field({ name, label, hint, error, idPrefix, className, ...props }: FieldProps) {
  const id = idPrefix ? `${idPrefix}-${name}` : name;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('space-y-2', className)}>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={error ? 'border-destructive' : undefined}
        {...props}
      />
      {error ? (
        <p id={errorId} className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level message: errors are alerts (announced and focused), successes are polite status. */
export function FormMessage({
  tone,
  children,
  id,
}: {
  tone: 'error' | 'success' | 'info';
  children: ReactNode;
  id?: string;
}) {
  return (
    <div
      id={id}
      role={tone === 'error' ? 'alert' : 'status'}
      tabIndex={-1}
      data-form-message={tone}
      className={cn(
        'rounded-md border px-3 py-2 text-sm outline-none',
        tone === 'error' && 'border-destructive text-destructive',
        tone === 'success' && 'border-success text-success',
        tone === 'info' && 'bg-muted text-foreground',
      )}
    >
      {children}
    </div>
  );
}

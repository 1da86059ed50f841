'use client';

import type { ComponentProps, ReactNode } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { cn } from '@/lib/cn';

/** `variants[0].sku` -> `variants-0-sku`: a valid, stable id for the input of a field path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-+$/, '')}`;
}

/** The ARIA wiring of an input whose error and hint are announced with it. */
export function fieldAria(path: string, error?: string, hint?: boolean) {
  const id = fieldId(path);
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return {
    id,
    name: path,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': describedBy || undefined,
  };
}

export function FieldError({ path, error }: { path: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${fieldId(path)}-error`} className="text-sm font-medium text-destructive" data-field-error={path}>
      {error}
    </p>
  );
}

interface ShellProps {
  path: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  labelClassName?: string;
  children: ReactNode;
}

/** Label, control, error, hint: the layout every editor field shares. */
export function FieldShell({ path, label, error, hint, className, labelClassName, children }: ShellProps) {
  return (
    <div className={cn('space-y-2', className)}>
      <Label htmlFor={fieldId(path)} className={labelClassName}>
        {label}
      </Label>
      {children}
      <FieldError path={path} error={error} />
      {hint ? (
        <p id={`${fieldId(path)}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Omit<ComponentProps<'input'>, 'id' | 'name' | 'value' | 'onChange'>;

export function TextField({
  path,
  label,
  value,
  onValue,
  error,
  hint,
  className,
  ...props
}: InputProps & {
  path: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  return (
    <FieldShell path={path} label={label} error={error} hint={hint} className={className}>
      <Input
        {...fieldAria(path, error, Boolean(hint))}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        className={error ? 'border-destructive' : undefined}
        {...props}
      />
    </FieldShell>
  );
}

export function TextAreaField({
  path,
  label,
  value,
  onValue,
  error,
  hint,
  rows = 4,
  className,
}: {
  path: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  rows?: number;
  className?: string;
}) {
  return (
    <FieldShell path={path} label={label} error={error} hint={hint} className={className}>
      <textarea
        {...fieldAria(path, error, Boolean(hint))}
        rows={rows}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        className={cn(
          'flex w-full rounded-md border border-input bg-background px-3 py-2 text-base sm:text-sm',
          error && 'border-destructive',
        )}
      />
    </FieldShell>
  );
}

export function SelectField({
  path,
  label,
  value,
  onValue,
  error,
  hint,
  className,
  children,
}: {
  path: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <FieldShell path={path} label={label} error={error} hint={hint} className={className}>
      <NativeSelect
        {...fieldAria(path, error, Boolean(hint))}
        value={value}
        onChange={(event) => onValue(event.target.value)}
      >
        {children}
      </NativeSelect>
    </FieldShell>
  );
}

export function CheckboxField({
  path,
  label,
  checked,
  onChecked,
  hint,
}: {
  path: string;
  label: ReactNode;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  hint?: ReactNode;
}) {
  const id = fieldId(path);
  return (
    <div className="flex items-start gap-2">
      <input
        type="checkbox"
        id={id}
        name={path}
        checked={checked}
        onChange={(event) => onChecked(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 accent-brand"
      />
      <div className="space-y-1">
        <Label htmlFor={id}>{label}</Label>
        {hint ? (
          <p id={`${id}-hint`} className="text-sm text-muted-foreground">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** A titled group of fields: a region with its own heading, so the editor reads as an outline. */
export function Section({
  id,
  title,
  description,
  children,
  actions,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-xl border bg-card p-4 shadow-sm sm:p-6">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-2">
        <div className="space-y-1">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

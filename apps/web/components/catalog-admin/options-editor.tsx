'use client';

import { ArrowDown, ArrowUp, Plus, Trash2, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { FieldError, fieldAria, fieldId } from './fields';
import type { OptionDraft } from './item-draft';
import { moveEntry } from './reorder';
import { draftKey } from './variant-matrix';

/** The option axes (Size, Material, Colour; a service's Tier) and their values, as chips. */
export function OptionsEditor({
  options,
  onChange,
  errorFor,
}: {
  options: OptionDraft[];
  onChange: (options: OptionDraft[]) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const t = useTranslations('CatalogAdmin.options');
  const update = (i: number, patch: Partial<OptionDraft>) =>
    onChange(options.map((option, j) => (j === i ? { ...option, ...patch } : option)));

  return (
    <div className="space-y-4">
      {options.length === 0 ? <p className="text-sm text-muted-foreground">{t('none')}</p> : null}
      <ol className="space-y-4">
        {options.map((option, i) => (
          <li key={option.key} className="space-y-3 rounded-lg border p-3">
            <div className="flex flex-wrap items-end gap-2">
              <div className="min-w-40 flex-1 space-y-2">
                <Label htmlFor={fieldId(`options[${i}].name`)}>{t('name', { n: i + 1 })}</Label>
                <Input
                  {...fieldAria(`options[${i}].name`, errorFor(`options[${i}].name`))}
                  placeholder={t('namePlaceholder')}
                  value={option.name}
                  onChange={(event) => update(i, { name: event.target.value })}
                />
              </div>
              <div className="flex gap-1">
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  disabled={i === 0}
                  aria-label={t('moveUp', { name: option.name || i + 1 })}
                  onClick={() => onChange(moveEntry(options, i, i - 1))}
                >
                  <ArrowUp aria-hidden="true" />
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  disabled={i === options.length - 1}
                  aria-label={t('moveDown', { name: option.name || i + 1 })}
                  onClick={() => onChange(moveEntry(options, i, i + 1))}
                >
                  <ArrowDown aria-hidden="true" />
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  aria-label={t('remove', { name: option.name || i + 1 })}
                  onClick={() => onChange(options.filter((_, j) => j !== i))}
                >
                  <Trash2 aria-hidden="true" />
                </Button>
              </div>
            </div>
            <FieldError path={`options[${i}].name`} error={errorFor(`options[${i}].name`)} />
            <ValueChips
              optionIndex={i}
              optionName={option.name}
              values={option.values}
              onValues={(values) => update(i, { values })}
              error={errorFor(`options[${i}].values`)}
            />
          </li>
        ))}
      </ol>
      <Button
        type="button"
        variant="outline"
        size="sm"
        onClick={() => onChange([...options, { key: draftKey(), name: '', values: [] }])}
      >
        <Plus aria-hidden="true" />
        {t('add')}
      </Button>
    </div>
  );
}

function ValueChips({
  optionIndex,
  optionName,
  values,
  onValues,
  error,
}: {
  optionIndex: number;
  optionName: string;
  values: string[];
  onValues: (values: string[]) => void;
  error?: string | undefined;
}) {
  const t = useTranslations('CatalogAdmin.options');
  const [typed, setTyped] = useState('');
  const path = `options[${optionIndex}].values`;
  const label = optionName || String(optionIndex + 1);
  // "A3, A4" pasted at once adds both; a value already there is not added twice.
  const add = () => {
    const incoming = typed
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    if (incoming.length === 0) return;
    onValues([
      ...values,
      ...incoming.filter((value, i) => !values.includes(value) && incoming.indexOf(value) === i),
    ]);
    setTyped('');
  };
  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap gap-2" aria-label={t('valuesOf', { name: label })}>
        {values.map((value) => (
          <li
            key={value}
            className="inline-flex items-center gap-1 rounded-full bg-muted py-0.5 pl-3 pr-1 text-sm"
          >
            {value}
            <button
              type="button"
              className="inline-flex size-7 items-center justify-center rounded-full hover:bg-background"
              aria-label={t('removeValue', { value, name: label })}
              onClick={() => onValues(values.filter((v) => v !== value))}
            >
              <X className="size-3.5" aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Label htmlFor={fieldId(path)} className="sr-only">
          {t('newValueLabel', { name: label })}
        </Label>
        <Input
          {...fieldAria(path, error)}
          placeholder={t('valuePlaceholder')}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ',') {
              event.preventDefault();
              add();
            }
          }}
        />
        <Button
          type="button"
          variant="outline"
          onClick={add}
          aria-label={t('addValueLabel', { name: label })}
        >
          {t('addValue')}
        </Button>
      </div>
      <FieldError path={path} error={error} />
    </div>
  );
}

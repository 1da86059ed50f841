'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/cn';
import { FieldError, fieldAria } from './fields';
import { ScrollRegion } from './scroll-region';
import type { AdminOption, ItemKind } from './types';
import { fitsOptions, reactivateVariant, type VariantDraft } from './variant-matrix';

/**
 * Every variant's SKU, price, compare-at price, stock and minimum order in one grid. On a phone the
 * grid scrolls sideways inside its own focusable region rather than squeezing the inputs.
 *
 * A variant off sale (unticked, or retired by an earlier save because orders may point at it) is greyed
 * and read-only, with "Reactivate": it is not sent, so the API keeps it retired with its SKU.
 */
export function VariantGrid({
  kind,
  currency,
  rows,
  titles,
  options,
  onChange,
  errorFor,
}: {
  kind: ItemKind;
  currency: string;
  rows: VariantDraft[];
  titles: string[];
  options: AdminOption[];
  onChange: (rows: VariantDraft[]) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const t = useTranslations('CatalogAdmin.variants');
  const [allPrice, setAllPrice] = useState('');
  const update = (i: number, patch: Partial<VariantDraft>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const detail = (i: number, key: string, value: string) =>
    update(i, { details: { ...rows[i]?.details, [key]: value } });
  const service = kind === 'service';

  const cell = (i: number, field: string, _column: string, input: React.ReactNode) => {
    const path = `variants[${i}].${field}`;
    return (
      <td className="px-2 py-2 align-top">
        {input}
        <FieldError path={path} error={errorFor(path)} />
      </td>
    );
  };
  const textInput = (
    i: number,
    field: string,
    label: string,
    value: string,
    onValue: (v: string) => void,
    { className, ...extra }: Partial<React.ComponentProps<'input'>> = {},
  ) => {
    const path = `variants[${i}].${field}`;
    return (
      <Input
        {...fieldAria(path, errorFor(path))}
        aria-label={label}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        className={cn('min-w-24', className, errorFor(path) && 'border-destructive')}
        disabled={!rows[i]?.active}
        {...extra}
      />
    );
  };

  return (
    <div className="space-y-3">
      {rows.length > 1 ? (
        <div className="flex flex-wrap items-end gap-2">
          <div className="space-y-2">
            <Label htmlFor="variants-all-price">{t('allPrice', { currency })}</Label>
            <Input
              id="variants-all-price"
              inputMode="decimal"
              className="w-36"
              value={allPrice}
              onChange={(event) => setAllPrice(event.target.value)}
            />
          </div>
          <Button
            type="button"
            variant="outline"
            disabled={!allPrice.trim()}
            onClick={() =>
              onChange(rows.map((row) => (row.active ? { ...row, price: allPrice.trim() } : row)))
            }
          >
            {t('applyAll')}
          </Button>
        </div>
      ) : null}
      <ScrollRegion label={t('gridLabel')}>
        <table className="w-full min-w-[48rem] text-sm" data-testid="variant-grid">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="bg-muted/60 text-left">
            <tr>
              <th scope="col" className="px-2 py-2 font-medium">
                {t('variant')}
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                {t('sku')}
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                {t('price', { currency })}
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                {t('compareAt')}
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                {t('stock')}
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                {t('minOrder')}
              </th>
              {service ? (
                <>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {t('turnaround')}
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {t('revisions')}
                  </th>
                </>
              ) : null}
              <th scope="col" className="px-2 py-2 font-medium">
                {t('active')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {rows.map((row, i) => {
              const title = titles[i] || t('default');
              const fits = options.length === 0 || fitsOptions(options, row.optionValues);
              return (
                <tr
                  key={row.key}
                  data-variant={title}
                  data-active={row.active}
                  className={cn(!row.active && 'bg-muted/40 text-muted-foreground')}
                >
                  <th scope="row" className="px-2 py-2 text-left align-top font-medium">
                    <span className="inline-block min-w-24 pt-2">{title}</span>
                    {row.active ? null : (
                      <span className="block text-xs font-normal">
                        {row.id ? t('retired') : t('notSaved')}
                      </span>
                    )}
                  </th>
                  {cell(
                    i,
                    'sku',
                    t('sku'),
                    textInput(
                      i,
                      'sku',
                      t('skuOf', { variant: title }),
                      row.sku,
                      (sku) => update(i, { sku }),
                      {
                        className: 'min-w-48',
                      },
                    ),
                  )}
                  {cell(
                    i,
                    'priceMinor',
                    t('price', { currency }),
                    textInput(
                      i,
                      'priceMinor',
                      t('priceOf', { variant: title }),
                      row.price,
                      (price) => update(i, { price }),
                      { inputMode: 'decimal' },
                    ),
                  )}
                  {cell(
                    i,
                    'compareAtMinor',
                    t('compareAt'),
                    textInput(
                      i,
                      'compareAtMinor',
                      t('compareAtOf', { variant: title }),
                      row.compareAt,
                      (compareAt) => update(i, { compareAt }),
                      { inputMode: 'decimal' },
                    ),
                  )}
                  <td className="px-2 py-2 align-top">
                    <div className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        className="size-4 accent-brand"
                        disabled={!row.active}
                        checked={row.trackStock}
                        aria-label={t('trackStockOf', { variant: title })}
                        onChange={(event) => update(i, { trackStock: event.target.checked })}
                      />
                      {row.trackStock ? (
                        textInput(
                          i,
                          'stock',
                          t('stockOf', { variant: title }),
                          row.stock,
                          (stock) => update(i, { stock }),
                          { inputMode: 'numeric', className: 'w-20' },
                        )
                      ) : (
                        <span className="whitespace-nowrap text-muted-foreground">{t('unlimited')}</span>
                      )}
                    </div>
                    <FieldError path={`variants[${i}].stock`} error={errorFor(`variants[${i}].stock`)} />
                  </td>
                  {cell(
                    i,
                    'minOrderQuantity',
                    t('minOrder'),
                    textInput(
                      i,
                      'minOrderQuantity',
                      t('minOrderOf', { variant: title }),
                      row.minOrderQuantity,
                      (minOrderQuantity) => update(i, { minOrderQuantity }),
                      { inputMode: 'numeric' },
                    ),
                  )}
                  {service ? (
                    <>
                      {cell(
                        i,
                        'details.turnaroundDays',
                        t('turnaround'),
                        textInput(
                          i,
                          'details.turnaroundDays',
                          t('turnaroundOf', { variant: title }),
                          String(row.details.turnaroundDays ?? ''),
                          (v) => detail(i, 'turnaroundDays', v),
                          { inputMode: 'numeric' },
                        ),
                      )}
                      {cell(
                        i,
                        'details.revisionsIncluded',
                        t('revisions'),
                        textInput(
                          i,
                          'details.revisionsIncluded',
                          t('revisionsOf', { variant: title }),
                          String(row.details.revisionsIncluded ?? ''),
                          (v) => detail(i, 'revisionsIncluded', v),
                          { inputMode: 'numeric' },
                        ),
                      )}
                    </>
                  ) : null}
                  <td className="px-2 py-2 align-top">
                    {row.active ? (
                      <input
                        type="checkbox"
                        className="mt-3 size-4 accent-brand"
                        checked
                        aria-label={t('activeOf', { variant: title })}
                        onChange={() => update(i, { active: false })}
                      />
                    ) : (
                      <div className="space-y-1">
                        <Button
                          type="button"
                          variant="outline"
                          size="sm"
                          disabled={!fits}
                          aria-label={t('reactivateOf', { variant: title })}
                          aria-describedby={fits ? undefined : `variant-${row.key}-not-in-options`}
                          onClick={() => onChange(reactivateVariant(rows, i))}
                        >
                          {t('reactivate')}
                        </Button>
                        {fits ? null : (
                          <p id={`variant-${row.key}-not-in-options`} className="max-w-40 text-xs">
                            {t('notInOptions')}
                          </p>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

'use client';

import type { CatalogItem, CatalogItemKind } from '@atelier/sdk';
import { useId, useState } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { formatMoney } from '@/lib/money';

export interface CatalogTableLabels {
  filter: string;
  caption: string;
  name: string;
  kind: string;
  price: string;
  empty: string;
  noMatch: string;
  capped: string;
  kinds: Record<CatalogItemKind, string>;
}

interface CatalogTableProps {
  items: CatalogItem[];
  /** The list stopped at the counting cap; say so under the table. */
  capped: boolean;
  locale: string;
  labels: CatalogTableLabels;
}

/** The studio's catalog as a table, filtered by name as you type (over the items already loaded). */
export function CatalogTable({ items, capped, locale, labels }: CatalogTableProps) {
  const [query, setQuery] = useState('');
  const inputId = useId();
  const needle = query.trim().toLocaleLowerCase(locale);
  const shown = needle ? items.filter((item) => item.name.toLocaleLowerCase(locale).includes(needle)) : items;

  if (items.length === 0) return <p className="text-muted-foreground">{labels.empty}</p>;

  return (
    <div className="space-y-4">
      <div className="flex max-w-sm flex-col gap-2">
        <Label htmlFor={inputId}>{labels.filter}</Label>
        <Input id={inputId} type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
      </div>
      <div className="overflow-hidden rounded-xl border">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{labels.caption}</caption>
          <thead className="bg-muted text-muted-foreground">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                {labels.name}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {labels.kind}
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                {labels.price}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <tr key={item.id} className="border-t">
                <td className="px-4 py-3 font-medium">{item.name}</td>
                <td className="px-4 py-3">{labels.kinds[item.kind]}</td>
                <td className="px-4 py-3 text-right tabular-nums">{formatMoney(item.price, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p aria-live="polite" className="text-sm text-muted-foreground">
        {shown.length === 0 ? labels.noMatch : null}
        {capped ? labels.capped : null}
      </p>
    </div>
  );
}

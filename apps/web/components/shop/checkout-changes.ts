import type { CheckoutSummary } from '@/lib/shop';

/** A summary figure the client can be told about by name. */
export type SummaryFigure = 'subtotal' | 'discount' | 'shipping' | 'tax';

/** Something that moved between the summary the client saw and the one the server prices now. */
export type SummaryChange = { beforeMinor: number; afterMinor: number } & (
  | { kind: 'line'; variantId: string; name: string }
  | { kind: 'figure'; figure: SummaryFigure }
);

type Line = Pick<CheckoutSummary['lines'][number], 'variantId' | 'name' | 'variantTitle' | 'unitPriceMinor'>;
type Summary = Pick<CheckoutSummary, 'subtotalMinor' | 'discountMinor' | 'shippingMinor' | 'taxMinor'> & {
  lines: Line[];
};

/**
 * Why the total moved, for the "the total changed" notice at checkout: lines whose unit price changed
 * (a flash sale ended), then discount, shipping and tax (the tax of an address the preview had not
 * caught up with yet). The subtotal is named only when no line price explains it (a quantity changed).
 */
export function summaryChanges(before: Summary, after: Summary): SummaryChange[] {
  const changes: SummaryChange[] = [];
  for (const line of after.lines) {
    const old = before.lines.find((candidate) => candidate.variantId === line.variantId);
    if (!old || old.unitPriceMinor === line.unitPriceMinor) continue;
    changes.push({
      kind: 'line',
      variantId: line.variantId,
      name: line.variantTitle ? `${line.name} (${line.variantTitle})` : line.name,
      beforeMinor: old.unitPriceMinor,
      afterMinor: line.unitPriceMinor,
    });
  }
  const figure = (name: SummaryFigure, key: `${SummaryFigure}Minor`) => {
    if (before[key] !== after[key])
      changes.push({ kind: 'figure', figure: name, beforeMinor: before[key], afterMinor: after[key] });
  };
  if (changes.length === 0) figure('subtotal', 'subtotalMinor');
  figure('discount', 'discountMinor');
  figure('shipping', 'shippingMinor');
  figure('tax', 'taxMinor');
  return changes;
}

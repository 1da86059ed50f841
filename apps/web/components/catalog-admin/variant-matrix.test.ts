import { describe, expect, it } from 'vitest';
import { newDraft, sentVariantRows, toGridPaths, validateDraft, variantsBody } from './item-draft';
import { blankVariant, fitsOptions, reactivateVariant, type VariantDraft } from './variant-matrix';

const options = [{ name: 'Size', values: ['A4', 'A3'] }];
const row = (patch: Partial<VariantDraft>): VariantDraft => ({ ...blankVariant(), price: '10', ...patch });

describe('variants off sale in the editor', () => {
  it('sends only the variants on sale and points API errors back at their grid rows', () => {
    const draft = {
      ...newDraft('digital'),
      name: 'Font',
      options: [{ key: 'o', name: 'Size', values: ['A4', 'A3'] }],
      variants: [
        row({ id: 'retired-a3', sku: 'F-A3', optionValues: { Size: 'A3' }, active: false }),
        row({ id: 'a4', sku: 'F-A4', optionValues: { Size: 'A4' } }),
        row({ sku: 'F-A3B', optionValues: { Size: 'A3' } }),
      ],
    };
    const body = variantsBody(draft, 'THB');
    expect(body.variants.map((variant) => variant.sku)).toEqual(['F-A4', 'F-A3B']);
    expect(sentVariantRows(draft)).toEqual([1, 2]);
    expect(toGridPaths({ 'variants[1].sku': 'taken', name: 'x' }, sentVariantRows(draft))).toEqual({
      'variants[2].sku': 'taken',
      name: 'x',
    });
  });

  it('flags a SKU a retired variant keeps, and a grid with nothing on sale', () => {
    const base = { ...newDraft('digital'), name: 'Font' };
    const clash = validateDraft(
      {
        ...base,
        variants: [
          row({ id: 'old', sku: 'F-1', active: false }),
          row({ sku: 'F-1' }),
          row({ sku: 'F-2', active: false }), // never saved: keeps nothing
          row({ sku: 'F-2' }),
        ],
      },
      'THB',
    );
    expect(clash['variants[1].sku']).toBe('duplicateSku');
    expect(clash['variants[3].sku']).toBeUndefined();
    expect(clash['variants[0].sku']).toBeUndefined();
    const none = validateDraft({ ...base, variants: [row({ id: 'old', active: false })] }, 'THB');
    expect(none.variants).toBe('oneOnSale');
  });

  it('reactivates a variant, and the row on sale with its combination gives way', () => {
    const rows = [
      row({ id: 'a4', optionValues: { Size: 'A4' } }),
      row({ key: 'new', optionValues: { Size: 'A3' } }),
      row({ id: 'old-a3', optionValues: { Size: 'A3' }, active: false }),
    ];
    const back = reactivateVariant(rows, 2);
    expect(back.map((r) => [r.id ?? r.key, r.active])).toEqual([
      ['a4', true],
      ['old-a3', true],
    ]);
    // A saved twin goes off sale instead of disappearing.
    const swapped = reactivateVariant(
      [row({ id: 'x', optionValues: {} }), row({ id: 'y', optionValues: {}, active: false })],
      1,
    );
    expect(swapped.map((r) => [r.id, r.active])).toEqual([
      ['x', false],
      ['y', true],
    ]);
  });

  it('knows when a retired variant no longer fits the options', () => {
    expect(fitsOptions(options, { Size: 'A4' })).toBe(true);
    expect(fitsOptions(options, { Size: 'A2' })).toBe(false);
    expect(fitsOptions(options, { Size: 'A4', Frame: 'Oak' })).toBe(false);
    expect(fitsOptions([], {})).toBe(true);
  });
});

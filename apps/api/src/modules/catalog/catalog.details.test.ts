import { describe, expect, it } from 'vitest';
import { validateItemDetails, validateVariantDetails } from './catalog.details.js';

const fields = (errors: { field: string }[]) => errors.map((error) => error.field).sort();

describe('catalog: details per kind', () => {
  it('accepts well-formed details of every kind', () => {
    expect(
      validateVariantDetails(
        'service',
        { turnaroundDays: 5, revisionsIncluded: 2, clientUploads: ['Stems (WAV)'], deliverables: ['Master'] },
        'variants[0].details',
      ),
    ).toEqual([]);
    expect(
      validateItemDetails('package', {
        durationMinutes: 60,
        maxChildren: 3,
        outfitChanges: 2,
        includedPhotos: 20,
        includedPrint: 'One 20x30 print',
        deposit: { type: 'percent', value: 30 },
      }),
    ).toEqual([]);
    expect(
      validateItemDetails('product', {
        specs: [{ name: 'Rated current', value: '16', unit: 'A' }],
        unit: 'pcs',
        packSize: 10,
      }),
    ).toEqual([]);
    expect(
      validateItemDetails('digital', {
        currentVersion: '2.0.0',
        versions: [{ version: '2.0.0', releasedAt: '2025-01-31', changelog: 'New UI' }],
        licence: { durationDays: null, ipSlots: 2 },
      }),
    ).toEqual([]);
  });

  it('names the field of every mistake', () => {
    expect(fields(validateItemDetails('digital', { licence: { durationDays: 0, ipSlots: -1 } }))).toEqual([
      'details.licence.durationDays',
      'details.licence.ipSlots',
    ]);
    expect(fields(validateItemDetails('digital', { licence: { ipSlots: 1 } }))).toEqual([
      'details.licence.durationDays',
    ]);
    expect(
      fields(
        validateItemDetails('digital', {
          currentVersion: '3',
          versions: [
            { version: '1', releasedAt: '2025-01-01', changelog: '' },
            { version: '1', releasedAt: '2025-02-01', changelog: '' },
          ],
        }),
      ),
    ).toEqual(['details.currentVersion', 'details.versions[1].version']);
    expect(fields(validateItemDetails('package', { deposit: { type: 'percent', value: 150 } }))).toEqual([
      'details.deposit.value',
    ]);
    expect(
      fields(validateItemDetails('product', { specs: [{ name: '', value: '1' }], turnaroundDays: 3 })),
    ).toEqual(['details.specs[0].name', 'details.turnaroundDays']);
    expect(validateVariantDetails('service', { turnaroundDay: 3 }, 'variants[2].details')).toEqual([
      { field: 'variants[2].details.turnaroundDay', message: 'is not a field of this kind' },
    ]);
  });
});

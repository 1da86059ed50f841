'use client';

import { Plus, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import {
  CheckboxField,
  FieldError,
  fieldAria,
  Section,
  SelectField,
  TextAreaField,
  TextField,
} from './fields';
import type { DetailsDraft } from './item-draft';
import type { ItemKind } from './types';
import { draftKey } from './variant-matrix';

interface KindDetailsProps {
  kind: ItemKind;
  details: DetailsDraft;
  currency: string;
  onChange: (details: DetailsDraft) => void;
  errorFor: (path: string) => string | undefined;
}

/** The facts only one kind has: service defaults, package rules, a product datasheet, digital versions. */
export function KindDetails({ kind, details, currency, onChange, errorFor }: KindDetailsProps) {
  const t = useTranslations('CatalogAdmin.details');
  const set = <K extends keyof DetailsDraft>(key: K, value: DetailsDraft[K]) =>
    onChange({ ...details, [key]: value });
  const count = (key: keyof DetailsDraft, path: string, label: string, hint?: string) => (
    <TextField
      path={path}
      label={label}
      inputMode="numeric"
      value={details[key] as string}
      onValue={(value) => set(key, value as never)}
      error={errorFor(path)}
      hint={hint}
    />
  );

  if (kind === 'service') {
    return (
      <Section id="details" title={t('serviceTitle')} description={t('serviceLead')}>
        <div className="grid gap-4 sm:grid-cols-2">
          {count('turnaroundDays', 'details.turnaroundDays', t('turnaroundDays'))}
          {count('revisionsIncluded', 'details.revisionsIncluded', t('revisionsIncluded'))}
          <TextAreaField
            path="details.clientUploads"
            label={t('clientUploads')}
            hint={t('oneLine')}
            value={details.clientUploads}
            onValue={(value) => set('clientUploads', value)}
            error={errorFor('details.clientUploads')}
          />
          <TextAreaField
            path="details.deliverables"
            label={t('deliverables')}
            hint={t('oneLine')}
            value={details.deliverables}
            onValue={(value) => set('deliverables', value)}
            error={errorFor('details.deliverables')}
          />
        </div>
      </Section>
    );
  }

  if (kind === 'package') {
    return (
      <Section id="details" title={t('packageTitle')} description={t('packageLead')}>
        <div className="grid gap-4 sm:grid-cols-2">
          {count('durationMinutes', 'details.durationMinutes', t('durationMinutes'))}
          {count('maxChildren', 'details.maxChildren', t('maxChildren'))}
          {count('outfitChanges', 'details.outfitChanges', t('outfitChanges'))}
          {count('includedPhotos', 'details.includedPhotos', t('includedPhotos'))}
          <TextField
            path="details.includedPrint"
            label={t('includedPrint')}
            className="sm:col-span-2"
            value={details.includedPrint}
            onValue={(value) => set('includedPrint', value)}
            error={errorFor('details.includedPrint')}
          />
          <SelectField
            path="details.deposit.type"
            label={t('depositType')}
            value={details.depositType}
            onValue={(value) =>
              onChange({
                ...details,
                depositType: value as DetailsDraft['depositType'],
                depositValue: value === 'none' ? '0' : details.depositValue,
              })
            }
          >
            <option value="none">{t('depositNone')}</option>
            <option value="fixed">{t('depositFixed')}</option>
            <option value="percent">{t('depositPercent')}</option>
          </SelectField>
          {details.depositType !== 'none' ? (
            <TextField
              path="details.deposit.value"
              label={
                details.depositType === 'percent'
                  ? t('depositPercentValue')
                  : t('depositAmount', { currency })
              }
              inputMode="decimal"
              value={details.depositValue}
              onValue={(value) => set('depositValue', value)}
              error={errorFor('details.deposit.value')}
            />
          ) : null}
        </div>
      </Section>
    );
  }

  if (kind === 'product') {
    return (
      <Section id="details" title={t('productTitle')} description={t('productLead')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            path="details.unit"
            label={t('unit')}
            hint={t('unitHint')}
            value={details.unit}
            onValue={(value) => set('unit', value)}
            error={errorFor('details.unit')}
          />
          {count('packSize', 'details.packSize', t('packSize'))}
        </div>
        <fieldset className="mt-6 space-y-3">
          <legend className="text-sm font-semibold">{t('specs')}</legend>
          {details.specs.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('noSpecs')}</p>
          ) : null}
          <ul className="space-y-3">
            {details.specs.map((spec, i) => {
              const update = (patch: Partial<typeof spec>) =>
                set(
                  'specs',
                  details.specs.map((s, j) => (j === i ? { ...s, ...patch } : s)),
                );
              const namePath = `details.specs[${i}].name`;
              const valuePath = `details.specs[${i}].value`;
              const unitPath = `details.specs[${i}].unit`;
              return (
                <li
                  key={spec.key}
                  className="grid grid-cols-[1fr_1fr] gap-2 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-start"
                >
                  <div>
                    <Input
                      {...fieldAria(namePath, errorFor(namePath))}
                      aria-label={t('specName', { n: i + 1 })}
                      placeholder={t('specNamePlaceholder')}
                      value={spec.name}
                      onChange={(event) => update({ name: event.target.value })}
                    />
                    <FieldError path={namePath} error={errorFor(namePath)} />
                  </div>
                  <div>
                    <Input
                      {...fieldAria(valuePath, errorFor(valuePath))}
                      aria-label={t('specValue', { n: i + 1 })}
                      placeholder={t('specValuePlaceholder')}
                      value={spec.value}
                      onChange={(event) => update({ value: event.target.value })}
                    />
                    <FieldError path={valuePath} error={errorFor(valuePath)} />
                  </div>
                  <Input
                    {...fieldAria(unitPath, errorFor(unitPath))}
                    aria-label={t('specUnit', { n: i + 1 })}
                    placeholder={t('specUnitPlaceholder')}
                    value={spec.unit}
                    onChange={(event) => update({ unit: event.target.value })}
                  />
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label={t('removeSpec', { n: i + 1 })}
                    onClick={() =>
                      set(
                        'specs',
                        details.specs.filter((_, j) => j !== i),
                      )
                    }
                  >
                    <Trash2 aria-hidden="true" />
                  </Button>
                </li>
              );
            })}
          </ul>
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={() =>
              set('specs', [...details.specs, { key: draftKey(), name: '', value: '', unit: '' }])
            }
          >
            <Plus aria-hidden="true" />
            {t('addSpec')}
          </Button>
        </fieldset>
      </Section>
    );
  }

  return (
    <Section id="details" title={t('digitalTitle')} description={t('digitalLead')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          path="details.currentVersion"
          label={t('currentVersion')}
          value={details.currentVersion}
          onValue={(value) => set('currentVersion', value)}
          error={errorFor('details.currentVersion')}
        />
        {count('ipSlots', 'details.licence.ipSlots', t('ipSlots'), t('ipSlotsHint'))}
        <div className="space-y-3 sm:col-span-2">
          <CheckboxField
            path="details.licence.lifetime"
            label={t('lifetime')}
            checked={details.licenceLifetime}
            onChecked={(checked) => set('licenceLifetime', checked)}
          />
          {details.licenceLifetime
            ? null
            : count('licenceDurationDays', 'details.licence.durationDays', t('durationDays'))}
        </div>
      </div>
      <fieldset className="mt-6 space-y-3">
        <legend className="text-sm font-semibold">{t('versions')}</legend>
        {details.versions.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('noVersions')}</p>
        ) : null}
        <ul className="space-y-4">
          {details.versions.map((version, i) => {
            const update = (patch: Partial<typeof version>) =>
              set(
                'versions',
                details.versions.map((v, j) => (j === i ? { ...v, ...patch } : v)),
              );
            return (
              <li key={version.key} className="grid gap-3 rounded-lg border p-3 sm:grid-cols-2">
                <TextField
                  path={`details.versions[${i}].version`}
                  label={t('version')}
                  value={version.version}
                  onValue={(value) => update({ version: value })}
                  error={errorFor(`details.versions[${i}].version`)}
                />
                <TextField
                  path={`details.versions[${i}].releasedAt`}
                  label={t('releasedAt')}
                  type="date"
                  value={version.releasedAt}
                  onValue={(value) => update({ releasedAt: value })}
                  error={errorFor(`details.versions[${i}].releasedAt`)}
                />
                <TextAreaField
                  path={`details.versions[${i}].changelog`}
                  label={t('changelog')}
                  className="sm:col-span-2"
                  rows={3}
                  value={version.changelog}
                  onValue={(value) => update({ changelog: value })}
                  error={errorFor(`details.versions[${i}].changelog`)}
                />
                <div className="sm:col-span-2">
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() =>
                      set(
                        'versions',
                        details.versions.filter((_, j) => j !== i),
                      )
                    }
                  >
                    <Trash2 aria-hidden="true" />
                    {t('removeVersion', { version: version.version || i + 1 })}
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={() =>
            set('versions', [
              {
                key: draftKey(),
                version: '',
                releasedAt: new Date().toISOString().slice(0, 10),
                changelog: '',
              },
              ...details.versions,
            ])
          }
        >
          <Plus aria-hidden="true" />
          {t('addVersion')}
        </Button>
      </fieldset>
    </Section>
  );
}

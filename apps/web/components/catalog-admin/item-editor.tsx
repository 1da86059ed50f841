'use client';

import { Wand2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { problemFields, problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Button } from '@/components/ui/button';
import { catalogCall } from './admin-api';
import { CheckboxField, Section, SelectField, TextAreaField, TextField } from './fields';
import { ImageManager } from './image-manager';
import {
  type DraftErrors,
  draftFromItem,
  type ItemDraft,
  itemFieldsBody,
  newDraft,
  optionsOf,
  sentVariantRows,
  slugify,
  toGridPaths,
  validateDraft,
  variantsBody,
} from './item-draft';
import { KindDetails } from './kind-details';
import { OptionsEditor } from './options-editor';
import { catalogPage } from './paths';
import { type AdminBrand, type AdminItem, ITEM_STATUSES, type ItemKind, type StudioFacts } from './types';
import { regenerateMatrix, variantTitle } from './variant-matrix';
import { VariantGrid } from './variant-matrix-grid';

export interface CategoryChoice {
  id: string;
  label: string;
}

/**
 * The editor of one catalog item of any kind. Rules are checked as the admin types (each field shows
 * its problem once it has been left, or after a save attempt); whatever the API still refuses comes
 * back as problem+json naming the field, and lands next to that same input.
 */
export function ItemEditor({
  studio,
  kind,
  item,
  categories,
  brands,
  notice: initialNotice,
}: {
  studio: StudioFacts;
  kind: ItemKind;
  item?: AdminItem;
  categories: CategoryChoice[];
  brands: AdminBrand[];
  notice?: string;
}) {
  const t = useTranslations('CatalogAdmin');
  const word = useFieldErrorWords();
  const tKinds = useTranslations('Kinds');
  const router = useRouter();
  const currency = item?.currency ?? studio.currency;
  const [draft, setDraft] = useState<ItemDraft>(() => (item ? draftFromItem(item) : newDraft(kind)));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(
    initialNotice ? { tone: 'success', text: initialNotice } : null,
  );
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  const liveErrors: DraftErrors = useMemo(() => validateDraft(draft, currency), [draft, currency]);
  const errorFor = (path: string): string | undefined => {
    if (serverErrors[path]) return serverErrors[path];
    const rule = liveErrors[path];
    if (!rule) return undefined;
    if (!attempted && !touched.has(path)) return undefined;
    return t(`validation.${rule}`);
  };
  const options = optionsOf(draft);
  const titles = draft.variants.map((variant) => variantTitle(options, variant.optionValues));

  // After a failed save, focus the first field with a problem (or the message), as the account forms do.
  useEffect(() => {
    if (attempt === 0) return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[data-form-message="error"]');
    target?.focus();
  }, [attempt]);

  const change = (patch: Partial<ItemDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const generate = () => {
    // Only the variants on sale are regenerated; saved ones dropped now join those already off sale
    // (the API retires them on save, keeping them for past orders).
    const onSale = draft.variants.filter((variant) => variant.active);
    const { rows, added, removed } = regenerateMatrix(
      options,
      onSale,
      (draft.slug || slugify(draft.name)).toUpperCase(),
    );
    const dropped = onSale
      .filter((variant) => variant.id && !rows.includes(variant))
      .map((variant) => ({ ...variant, active: false }));
    const offSale = draft.variants.filter((variant) => !variant.active && variant.id);
    change({ variants: [...rows, ...dropped, ...offSale] });
    setNotice({ tone: 'info', text: t('variants.generated', { count: rows.length, added, removed }) });
  };

  const unmatched =
    options.length > 0 &&
    draft.variants.some(
      (variant) => variant.active && options.some((option) => !variant.optionValues[option.name]),
    );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setAttempted(true);
    setServerErrors({});
    if (Object.keys(liveErrors).length > 0 || unmatched) {
      setNotice({
        tone: 'error',
        text: unmatched
          ? t('variants.unmatched')
          : t('editor.fixErrors', { count: Object.keys(liveErrors).length }),
      });
      setAttempt((n) => n + 1);
      return;
    }
    setPending(true);
    setNotice(null);
    try {
      if (item) {
        // Two writes: the item's fields, then its options and variants as one full set.
        await catalogCall(studio.slug, 'PATCH', `/items/${item.id}`, itemFieldsBody(draft, currency));
        const saved = await catalogCall<AdminItem>(
          studio.slug,
          'PUT',
          `/items/${item.id}/variants`,
          variantsBody(draft, currency),
        );
        // New rows now have ids: keep them, so the next save updates instead of recreating them.
        setDraft((current) => ({ ...current, variants: draftFromItem({ ...saved, currency }).variants }));
        setNotice({ tone: 'success', text: t('editor.saved') });
        router.refresh();
      } else {
        const created = await catalogCall<{ id: string }>(studio.slug, 'POST', '/items', {
          kind: draft.kind,
          ...itemFieldsBody(draft, currency),
          ...variantsBody(draft, currency),
        });
        router.push(`${catalogPage(studio.slug, `/${created.id}`)}?created=1`);
      }
    } catch (error) {
      // The body held only the variants on sale: point `variants[k]` back at its row in the grid.
      const fields = toGridPaths(problemFields(error, word), sentVariantRows(draft));
      setServerErrors(fields);
      const unplaced = Object.keys(fields).filter(
        (path) => !formRef.current?.querySelector(`[name="${CSS.escape(path)}"]`),
      );
      const summary = problemSummary(error, (key) => t(`errors.${key}`), word);
      setNotice({
        tone: 'error',
        text:
          unplaced.length > 0
            ? `${summary} ${unplaced.map((path) => `${path}: ${fields[path]}`).join('; ')}`
            : summary,
      });
      setAttempt((n) => n + 1);
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => void submit(event)}
      // Leaving a field shows its live problem; typing in it drops the API's (now stale) complaint.
      onBlur={(event) => {
        const name = (event.target as unknown as HTMLInputElement).name;
        if (name && !touched.has(name)) setTouched((current) => new Set(current).add(name));
      }}
      onChange={(event) => {
        const name = (event.target as unknown as HTMLInputElement).name;
        if (name && serverErrors[name]) setServerErrors(({ [name]: _, ...rest }) => rest);
      }}
      className="space-y-6"
      aria-describedby="editor-message"
    >
      <div id="editor-message" aria-live="polite">
        {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
      </div>

      <Section
        id="basics"
        title={t('editor.basics')}
        description={t('editor.basicsLead', { kind: tKinds(draft.kind).toLocaleLowerCase() })}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            path="name"
            label={t('editor.name')}
            required
            value={draft.name}
            onValue={(name) => change({ name, ...(draft.slugEdited ? {} : { slug: slugify(name) }) })}
            error={errorFor('name')}
          />
          <TextField
            path="slug"
            label={t('editor.slug')}
            hint={t('editor.slugHint', { studio: studio.slug, slug: draft.slug || '…' })}
            value={draft.slug}
            onValue={(slug) => change({ slug: slug.toLowerCase(), slugEdited: true })}
            error={errorFor('slug')}
          />
          <TextField
            path="summary"
            label={t('editor.summary')}
            className="sm:col-span-2"
            value={draft.summary}
            onValue={(summary) => change({ summary })}
            error={errorFor('summary')}
          />
          <TextAreaField
            path="descriptionHtml"
            label={t('editor.description')}
            hint={t('editor.descriptionHint')}
            className="sm:col-span-2"
            rows={6}
            value={draft.descriptionHtml}
            onValue={(descriptionHtml) => change({ descriptionHtml })}
            error={errorFor('descriptionHtml')}
          />
          <SelectField
            path="categoryId"
            label={t('editor.category')}
            value={draft.categoryId}
            onValue={(categoryId) => change({ categoryId })}
            error={errorFor('categoryId')}
          >
            <option value="">{t('editor.noCategory')}</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            path="brandId"
            label={t('editor.brand')}
            value={draft.brandId}
            onValue={(brandId) => change({ brandId })}
            error={errorFor('brandId')}
          >
            <option value="">{t('editor.noBrand')}</option>
            {brands.map((brand) => (
              <option key={brand.id} value={brand.id}>
                {brand.name}
              </option>
            ))}
          </SelectField>
          <TextField
            path="tags"
            label={t('editor.tags')}
            hint={t('editor.tagsHint')}
            className="sm:col-span-2"
            value={draft.tags}
            onValue={(tags) => change({ tags })}
            error={errorFor('tags')}
          />
          <div className="flex flex-wrap gap-6 sm:col-span-2">
            <CheckboxField
              path="featured"
              label={t('editor.featured')}
              checked={draft.featured}
              onChecked={(featured) => change({ featured })}
            />
            <CheckboxField
              path="isNew"
              label={t('editor.isNew')}
              checked={draft.isNew}
              onChecked={(isNew) => change({ isNew })}
            />
          </div>
        </div>
      </Section>

      <KindDetails
        kind={draft.kind}
        details={draft.details}
        currency={currency}
        onChange={(details) => change({ details })}
        errorFor={errorFor}
      />

      <Section
        id="options"
        title={draft.kind === 'service' ? t('options.tiersTitle') : t('options.title')}
        description={draft.kind === 'service' ? t('options.tiersLead') : t('options.lead')}
      >
        <OptionsEditor
          options={draft.options}
          onChange={(next) => change({ options: next })}
          errorFor={errorFor}
        />
        <div className="mt-4 flex flex-wrap items-center gap-3 border-t pt-4">
          <Button type="button" variant="outline" onClick={generate} disabled={options.length === 0}>
            <Wand2 aria-hidden="true" />
            {t('variants.generate')}
          </Button>
          <p className="text-sm text-muted-foreground">{t('variants.generateHint')}</p>
        </div>
      </Section>

      <Section
        id="variants"
        title={t('variants.title')}
        description={t('variants.lead', {
          count: draft.variants.filter((variant) => variant.active).length,
        })}
      >
        {unmatched ? (
          <p className="mb-3 text-sm font-medium text-destructive">{t('variants.unmatched')}</p>
        ) : null}
        {errorFor('variants') ? (
          <p className="mb-3 text-sm font-medium text-destructive">{errorFor('variants')}</p>
        ) : null}
        <VariantGrid
          kind={draft.kind}
          currency={currency}
          rows={draft.variants}
          titles={titles}
          options={options}
          onChange={(variants) => change({ variants })}
          errorFor={errorFor}
        />
      </Section>

      <Section
        id="images"
        title={t('images.title')}
        description={item ? t('images.lead') : t('images.afterSave')}
      >
        {item ? <ImageManager studio={studio.slug} itemId={item.id} initial={item.images ?? []} /> : null}
      </Section>

      <Section id="seo" title={t('editor.seo')} description={t('editor.seoLead')}>
        <div className="grid gap-4">
          <TextField
            path="seoTitle"
            label={t('editor.seoTitle')}
            hint={t('editor.charsLeft', { count: 70 - draft.seoTitle.length })}
            value={draft.seoTitle}
            onValue={(seoTitle) => change({ seoTitle })}
            error={errorFor('seoTitle')}
          />
          <TextAreaField
            path="seoDescription"
            label={t('editor.seoDescription')}
            hint={t('editor.charsLeft', { count: 160 - draft.seoDescription.length })}
            rows={3}
            value={draft.seoDescription}
            onValue={(seoDescription) => change({ seoDescription })}
            error={errorFor('seoDescription')}
          />
        </div>
      </Section>

      <div className="flex flex-wrap items-end gap-3 rounded-xl border bg-card p-4 shadow-sm">
        <SelectField
          path="status"
          label={t('editor.status')}
          value={draft.status}
          onValue={(status) => change({ status: status as ItemDraft['status'] })}
          className="w-44"
        >
          {ITEM_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={pending} className="ml-auto">
          {pending ? t('editor.saving') : item ? t('editor.save') : t('editor.create')}
        </Button>
      </div>
    </form>
  );
}

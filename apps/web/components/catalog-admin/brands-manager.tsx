'use client';

import { Pencil, Plus, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { problemFields, problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Button } from '@/components/ui/button';
import { catalogCall } from './admin-api';
import { TextField } from './fields';
import { SLUG_PATTERN, slugify } from './item-draft';
import type { AdminBrand } from './types';

/** The studio's brands: add, rename (name and slug) and delete (items keep no brand then). */
export function BrandsManager({ studio, initial }: { studio: string; initial: AdminBrand[] }) {
  const t = useTranslations('CatalogAdmin.brands');
  const tErr = useTranslations('CatalogAdmin.errors');
  const word = useFieldErrorWords();
  const router = useRouter();
  const [brands, setBrands] = useState(initial);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const remove = async (brand: AdminBrand) => {
    try {
      await catalogCall(studio, 'DELETE', `/brands/${brand.id}`);
      setBrands((list) => list.filter((b) => b.id !== brand.id));
      setNotice({ tone: 'success', text: t('deleted', { name: brand.name }) });
      setConfirming(null);
      router.refresh();
    } catch (error) {
      setNotice({ tone: 'error', text: problemSummary(error, tErr, word) });
    }
  };

  const saved = (brand: AdminBrand, created: boolean) => {
    setBrands((list) =>
      (created ? [...list, brand] : list.map((b) => (b.id === brand.id ? brand : b))).sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    );
    setNotice({
      tone: 'success',
      text: created ? t('added', { name: brand.name }) : t('saved', { name: brand.name }),
    });
    setEditing(null);
    router.refresh();
  };

  return (
    <div className="space-y-6">
      <div aria-live="polite">
        {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
      </div>
      <BrandForm studio={studio} onSaved={(brand) => saved(brand, true)} />
      {brands.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('empty')}</p>
      ) : (
        <ul className="divide-y rounded-xl border bg-card" aria-label={t('listLabel')}>
          {brands.map((brand) => (
            <li key={brand.id} className="space-y-3 p-3 sm:p-4">
              <div className="flex flex-wrap items-center gap-2">
                {/* At least 10rem: the delete confirmation's long button wraps below instead of squeezing the name. */}
                <div className="min-w-[10rem] flex-1 break-words">
                  <p className="font-medium">{brand.name}</p>
                  <p className="text-sm text-muted-foreground">
                    /{brand.slug} · {t('itemCount', { count: brand.itemCount ?? 0 })}
                  </p>
                </div>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  aria-label={t('edit', { name: brand.name })}
                  onClick={() => setEditing(editing === brand.id ? null : brand.id)}
                >
                  <Pencil aria-hidden="true" />
                  {t('editShort')}
                </Button>
                {confirming === brand.id ? (
                  <>
                    <Button
                      type="button"
                      size="sm"
                      variant="outline"
                      className="border-destructive text-destructive"
                      autoFocus
                      onClick={() => void remove(brand)}
                    >
                      {t('confirmDelete', { name: brand.name })}
                    </Button>
                    <Button type="button" size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                      {t('cancel')}
                    </Button>
                  </>
                ) : (
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    aria-label={t('delete', { name: brand.name })}
                    onClick={() => setConfirming(brand.id)}
                  >
                    <Trash2 aria-hidden="true" />
                    {t('deleteShort')}
                  </Button>
                )}
              </div>
              {editing === brand.id ? (
                <BrandForm studio={studio} brand={brand} onSaved={(b) => saved(b, false)} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function BrandForm({
  studio,
  brand,
  onSaved,
}: {
  studio: string;
  brand?: AdminBrand;
  onSaved: (brand: AdminBrand) => void;
}) {
  const t = useTranslations('CatalogAdmin.brands');
  const tv = useTranslations('CatalogAdmin.validation');
  const tErr = useTranslations('CatalogAdmin.errors');
  const word = useFieldErrorWords();
  const [name, setName] = useState(brand?.name ?? '');
  const [slug, setSlug] = useState(brand?.slug ?? '');
  const [slugEdited, setSlugEdited] = useState(Boolean(brand));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const prefix = brand ? `brand-${brand.id}` : 'new-brand';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = tv('required');
    if (slug && !SLUG_PATTERN.test(slug)) local.slug = tv('slug');
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    setPending(true);
    try {
      const body = { name: name.trim(), ...(slug ? { slug } : {}) };
      const result = brand
        ? await catalogCall<AdminBrand>(studio, 'PATCH', `/brands/${brand.id}`, body)
        : await catalogCall<AdminBrand>(studio, 'POST', '/brands', body);
      onSaved(result);
      if (!brand) {
        setName('');
        setSlug('');
        setSlugEdited(false);
      }
    } catch (error) {
      const fields = problemFields(error, word);
      setErrors({
        ...(fields.name ? { name: fields.name } : {}),
        ...(fields.slug ? { slug: fields.slug } : {}),
      });
      if (!fields.name && !fields.slug) setFormError(problemSummary(error, tErr, word));
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-label={brand ? t('editForm', { name: brand.name }) : t('addForm')}
      className="space-y-3 rounded-xl border bg-card p-4"
    >
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
        <TextField
          path={`${prefix}.name`}
          label={t('name')}
          value={name}
          onValue={(value) => {
            setName(value);
            if (!slugEdited) setSlug(slugify(value));
          }}
          error={errors.name}
        />
        <TextField
          path={`${prefix}.slug`}
          label={t('slug')}
          value={slug}
          onValue={(value) => {
            setSlug(value.toLowerCase());
            setSlugEdited(true);
          }}
          error={errors.slug}
        />
        <Button type="submit" className="sm:mt-6" disabled={pending}>
          {brand ? null : <Plus aria-hidden="true" />}
          {brand ? t('save') : t('add')}
        </Button>
      </div>
    </form>
  );
}

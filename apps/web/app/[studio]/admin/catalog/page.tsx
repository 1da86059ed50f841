import { Plus, Search } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CatalogProblem } from '@/components/catalog-admin/catalog-problem';
import { loadEditorChoices } from '@/components/catalog-admin/editor-data';
import { ItemTable } from '@/components/catalog-admin/item-table';
import { catalogPage } from '@/components/catalog-admin/paths';
import { readCatalogAdmin } from '@/components/catalog-admin/server-api';
import { type AdminItemSummary, ITEM_KINDS, ITEM_STATUSES } from '@/components/catalog-admin/types';
import { ClientMessages } from '@/components/client-messages';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { requireStudio } from '@/lib/studio';

const PAGE_SIZE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('CatalogAdmin');
  return { title: t('list.title') };
}

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

export default async function CatalogAdminPage({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const q = one(query.q);
  const kind = ITEM_KINDS.find((k) => k === one(query.kind));
  const status = ITEM_STATUSES.find((s) => s === one(query.status));
  const cursor = one(query.cursor);
  const [t, tKinds, choices] = await Promise.all([
    getTranslations('CatalogAdmin'),
    getTranslations('Kinds'),
    loadEditorChoices(studio.slug),
  ]);
  // Only ids the filters offer go to the API (a stale bookmark's id is dropped, not a 400).
  const categoryId = choices.ok
    ? choices.value.categories.find((c) => c.id === one(query.categoryId))?.id
    : undefined;
  const brandId = choices.ok ? choices.value.brands.find((b) => b.id === one(query.brandId))?.id : undefined;
  const filters = new URLSearchParams();
  if (q) filters.set('q', q);
  if (kind) filters.set('kind', kind);
  if (status) filters.set('status', status);
  if (categoryId) filters.set('categoryId', categoryId);
  if (brandId) filters.set('brandId', brandId);
  const search = new URLSearchParams(filters);
  search.set('limit', String(PAGE_SIZE));
  if (cursor) search.set('cursor', cursor);
  const page = await readCatalogAdmin<{ items: AdminItemSummary[]; nextCursor: string | null }>(
    studio.slug,
    `/items?${search}`,
  );
  const filtered = filters.size > 0;
  const next = page.ok && page.value.nextCursor ? new URLSearchParams(filters) : null;
  if (next && page.ok && page.value.nextCursor) next.set('cursor', page.value.nextCursor);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold tracking-tight">{t('list.title')}</h1>
          <p className="text-muted-foreground">{t('list.lead', { name: studio.name })}</p>
        </div>
        <details className="relative">
          <summary className="inline-flex h-10 cursor-pointer list-none items-center gap-2 rounded-md bg-brand px-4 text-sm font-medium text-brand-foreground [&::-webkit-details-marker]:hidden">
            <Plus className="size-4" aria-hidden="true" />
            {t('list.new')}
          </summary>
          <ul className="absolute left-0 z-20 mt-2 w-48 sm:left-auto sm:right-0 rounded-md border bg-background p-1 shadow-md">
            {ITEM_KINDS.map((k) => (
              <li key={k}>
                <Link
                  href={catalogPage(studio.slug, `/new?kind=${k}`)}
                  className="block rounded px-3 py-2 text-sm hover:bg-muted"
                >
                  {t('list.newKind', { kind: tKinds(k) })}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      </div>

      <form
        method="get"
        aria-label={t('list.filters')}
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto] lg:items-end"
      >
        <div className="space-y-1">
          <Label htmlFor="catalog-q">{t('list.search')}</Label>
          <Input id="catalog-q" name="q" type="search" defaultValue={q} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="catalog-kind">{t('list.kind')}</Label>
          <NativeSelect id="catalog-kind" name="kind" defaultValue={kind ?? ''}>
            <option value="">{t('list.anyKind')}</option>
            {ITEM_KINDS.map((k) => (
              <option key={k} value={k}>
                {tKinds(k)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="catalog-status">{t('list.status')}</Label>
          <NativeSelect id="catalog-status" name="status" defaultValue={status ?? ''}>
            <option value="">{t('list.anyStatus')}</option>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </NativeSelect>
        </div>
        {choices.ok ? (
          <>
            <div className="space-y-1">
              <Label htmlFor="catalog-category">{t('list.category')}</Label>
              <NativeSelect id="catalog-category" name="categoryId" defaultValue={categoryId ?? ''}>
                <option value="">{t('list.anyCategory')}</option>
                {choices.value.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="space-y-1">
              <Label htmlFor="catalog-brand">{t('list.brand')}</Label>
              <NativeSelect id="catalog-brand" name="brandId" defaultValue={brandId ?? ''}>
                <option value="">{t('list.anyBrand')}</option>
                {choices.value.brands.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
          </>
        ) : null}
        <Button type="submit" variant="outline">
          <Search aria-hidden="true" />
          {t('list.apply')}
        </Button>
      </form>

      {!page.ok ? (
        <CatalogProblem error={page.error} />
      ) : page.value.items.length === 0 ? (
        <EmptyState
          title={filtered ? t('list.noMatch') : t('list.empty')}
          description={filtered ? undefined : t('list.emptyLead')}
          action={
            filtered ? (
              <Button asChild variant="outline">
                <Link href={catalogPage(studio.slug)}>{t('list.clear')}</Link>
              </Button>
            ) : undefined
          }
        />
      ) : (
        <>
          <ClientMessages namespaces={['CatalogAdmin', 'Kinds', 'Forms']}>
            <ItemTable
              studio={{
                slug: studio.slug,
                name: studio.name,
                currency: studio.currency,
                timezone: studio.timezone,
              }}
              items={page.value.items}
            />
          </ClientMessages>
          <nav aria-label={t('list.pages')} className="flex justify-between gap-3">
            {cursor ? (
              <Button asChild variant="outline">
                <Link href={`${catalogPage(studio.slug)}?${filters}`}>{t('list.first')}</Link>
              </Button>
            ) : (
              <span />
            )}
            {next ? (
              <Button asChild variant="outline">
                <Link href={`${catalogPage(studio.slug)}?${next}`}>{t('list.next')}</Link>
              </Button>
            ) : null}
          </nav>
        </>
      )}
    </div>
  );
}

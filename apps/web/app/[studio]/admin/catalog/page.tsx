import { Plus } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { FilterActions, FilterField, FilterForm, SelectFilter } from '@/components/admin/list-filters';
import { ListResults, Pager } from '@/components/admin/list-results';
import { AdminPageHeader } from '@/components/admin/page-header';
import { loadEditorChoices } from '@/components/catalog-admin/editor-data';
import { ItemTable } from '@/components/catalog-admin/item-table';
import { catalogPage } from '@/components/catalog-admin/paths';
import { readCatalogAdmin } from '@/components/catalog-admin/server-api';
import { type AdminItemSummary, ITEM_KINDS, ITEM_STATUSES } from '@/components/catalog-admin/types';
import { ClientMessages } from '@/components/client-messages';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { titleMetadata } from '@/lib/metadata';
import { one, oneOf, pageLinks, pageRequest, queryOf, type StudioListPageProps } from '@/lib/search-params';
import { requireStudio } from '@/lib/studio';
import { studioFacts } from '@/lib/studio-facts';

const PAGE_SIZE = 50;

export const generateMetadata = titleMetadata('CatalogAdmin', 'list.title');

export default async function CatalogAdminPage({ params, searchParams }: StudioListPageProps) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const q = one(query.q);
  const kind = oneOf(ITEM_KINDS, query.kind);
  const status = oneOf(ITEM_STATUSES, query.status);
  const cursor = one(query.cursor);
  const [t, tKinds, choices] = await Promise.all([
    getTranslations('CatalogAdmin'),
    getTranslations('Kinds'),
    loadEditorChoices(studio.slug),
  ]);
  // Only ids the filters offer go to the API (a stale bookmark's id is dropped, not a 400).
  const offered = choices.ok ? choices.value : { categories: [], brands: [] };
  const categoryId = oneOf(
    offered.categories.map((c) => c.id),
    query.categoryId,
  );
  const brandId = oneOf(
    offered.brands.map((b) => b.id),
    query.brandId,
  );
  const filters = queryOf({ q, kind, status, categoryId, brandId });
  const page = await readCatalogAdmin<{ items: AdminItemSummary[]; nextCursor: string | null }>(
    studio.slug,
    `/items?${pageRequest(filters, PAGE_SIZE, cursor)}`,
  );
  const filtered = filters.size > 0;
  const base = catalogPage(studio.slug);
  const links = pageLinks(base, filters, { cursor, nextCursor: page.ok ? page.value.nextCursor : null });

  return (
    <div className="space-y-6">
      <AdminPageHeader
        title={t('list.title')}
        lead={t('list.lead', { name: studio.name })}
        actions={
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
        }
      />

      <FilterForm label={t('list.filters')} className="lg:grid-cols-3">
        <FilterField id="catalog-q" label={t('list.search')}>
          <Input id="catalog-q" name="q" type="search" defaultValue={q} />
        </FilterField>
        <SelectFilter
          id="catalog-kind"
          name="kind"
          label={t('list.kind')}
          anyLabel={t('list.anyKind')}
          value={kind}
          options={ITEM_KINDS.map((k) => ({ value: k, label: tKinds(k) }))}
        />
        <SelectFilter
          id="catalog-status"
          name="status"
          label={t('list.status')}
          anyLabel={t('list.anyStatus')}
          value={status}
          options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        {choices.ok ? (
          <>
            <SelectFilter
              id="catalog-category"
              name="categoryId"
              label={t('list.category')}
              anyLabel={t('list.anyCategory')}
              value={categoryId}
              options={choices.value.categories.map((c) => ({ value: c.id, label: c.label }))}
            />
            <SelectFilter
              id="catalog-brand"
              name="brandId"
              label={t('list.brand')}
              anyLabel={t('list.anyBrand')}
              value={brandId}
              options={choices.value.brands.map((b) => ({ value: b.id, label: b.name }))}
            />
          </>
        ) : null}
        {/* The last column, also when the category and brand filters could not be loaded. */}
        <FilterActions applyLabel={t('list.apply')} className="lg:col-start-3" />
      </FilterForm>

      <ListResults
        page={page}
        empty={
          <EmptyState
            title={filtered ? t('list.noMatch') : t('list.empty')}
            description={filtered ? undefined : t('list.emptyLead')}
            action={
              filtered ? (
                <Button asChild variant="outline">
                  <Link href={base}>{t('list.clear')}</Link>
                </Button>
              ) : undefined
            }
          />
        }
        pager={
          <Pager
            links={links}
            labels={{ pages: t('list.pages'), first: t('list.first'), next: t('list.next') }}
          />
        }
      >
        {(items) => (
          <ClientMessages namespaces={['CatalogAdmin', 'Kinds', 'Forms', 'ApiReasons']}>
            <ItemTable studio={studioFacts(studio)} items={items} />
          </ClientMessages>
        )}
      </ListResults>
    </div>
  );
}

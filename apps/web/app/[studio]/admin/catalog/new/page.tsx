import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AdminProblem } from '@/components/admin/admin-problem';
import { loadEditorChoices } from '@/components/catalog-admin/editor-data';
import { ItemEditor } from '@/components/catalog-admin/item-editor';
import { catalogPage } from '@/components/catalog-admin/paths';
import { ITEM_KINDS } from '@/components/catalog-admin/types';
import { ClientMessages } from '@/components/client-messages';
import { requireStudio } from '@/lib/studio';
import { studioFacts } from '@/lib/studio-facts';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('CatalogAdmin');
  return { title: t('editor.newTitle') };
}

export default async function NewCatalogItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ studio: string }>;
  searchParams: Promise<{ kind?: string }>;
}) {
  const [studio, query] = await Promise.all([requireStudio(params), searchParams]);
  const [t, tKinds, choices] = await Promise.all([
    getTranslations('CatalogAdmin'),
    getTranslations('Kinds'),
    loadEditorChoices(studio.slug),
  ]);
  const kind = ITEM_KINDS.find((k) => k === query.kind);
  if (!kind) {
    // No kind yet: ask for one first, since each kind has its own fields.
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold tracking-tight">{t('editor.newTitle')}</h1>
        <p className="text-muted-foreground">{t('editor.pickKind')}</p>
        <ul className="grid gap-3 sm:grid-cols-2">
          {ITEM_KINDS.map((k) => (
            <li key={k}>
              <Link
                href={catalogPage(studio.slug, `/new?kind=${k}`)}
                className="block rounded-xl border bg-card p-4 shadow-sm hover:border-brand"
              >
                <span className="font-semibold">{tKinds(k)}</span>
                <span className="mt-1 block text-sm text-muted-foreground">{t(`kindLead.${k}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">
        {t('editor.newKindTitle', { kind: tKinds(kind) })}
      </h1>
      {choices.ok ? (
        <ClientMessages namespaces={['CatalogAdmin', 'Kinds', 'Forms', 'ApiReasons']}>
          <ItemEditor
            studio={studioFacts(studio)}
            kind={kind}
            categories={choices.value.categories}
            brands={choices.value.brands}
          />
        </ClientMessages>
      ) : (
        <AdminProblem error={choices.error} />
      )}
    </div>
  );
}

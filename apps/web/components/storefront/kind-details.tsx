import { getLocale, getTranslations } from 'next-intl/server';
import type { ItemDetail, ShopVariant } from '@/lib/catalog';
import { formatDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';

// The facts of each kind (apps/api/src/modules/catalog/catalog.details.ts); read defensively because
// `details` is typed loosely in the public schema.
type Facts = Record<string, unknown>;
const num = (facts: Facts, key: string) =>
  typeof facts[key] === 'number' ? (facts[key] as number) : undefined;
const str = (facts: Facts, key: string) =>
  typeof facts[key] === 'string' ? (facts[key] as string) : undefined;
const lines = (facts: Facts, key: string) =>
  Array.isArray(facts[key])
    ? (facts[key] as unknown[]).filter((line): line is string => typeof line === 'string')
    : [];

interface Spec {
  name: string;
  value: string;
  unit?: string;
}
const specs = (facts: Facts): Spec[] =>
  Array.isArray(facts.specs)
    ? (facts.specs as Spec[]).filter(
        (spec) => spec && typeof spec.name === 'string' && typeof spec.value === 'string',
      )
    : [];

interface Row {
  key: string;
  label: string;
  /** One cell per variant (tiers) or a single value. */
  cells: React.ReactNode[];
}

function List({ items }: { items: string[] }) {
  return (
    <ul className="list-disc space-y-0.5 pl-4">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** Tiers or package sizes side by side: one column per variant, one row per fact. */
function Comparison({
  caption,
  variants,
  rows,
  contentLang,
}: {
  caption: string;
  variants: ShopVariant[];
  rows: Row[];
  contentLang: string;
}) {
  return (
    // A wide table scrolls on a phone: the row names stay put while the tiers slide under them (a line
    // marks the column's edge), and a shadow marks the right edge while more tiers wait there. The
    // region takes focus so the keyboard can scroll it too; it is named by its tiers, apart from the
    // section around it that its heading names.
    <section
      className="scroll-shadow-x relative overflow-x-auto rounded-xl border"
      aria-label={`${caption}: ${variants.map((variant) => variant.title).join(', ')}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
      tabIndex={0}
    >
      <table
        className="w-full text-left text-sm"
        // Each tier gets room for a list of deliverables; a phone scrolls the table sideways.
        style={{ minWidth: `${8 + variants.length * 10}rem` }}
      >
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="bg-muted">
            <td className="sticky left-0 bg-muted shadow-[inset_-1px_0_0_var(--border)]" />
            {variants.map((variant) => (
              <th key={variant.id} scope="col" className="px-4 py-3 font-semibold" lang={contentLang}>
                {variant.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-t align-top">
              <th
                scope="row"
                className="sticky left-0 w-32 bg-background px-4 py-3 font-medium text-muted-foreground shadow-[inset_-1px_0_0_var(--border)] sm:w-40"
              >
                {row.label}
              </th>
              {row.cells.map((cell, index) => (
                <td key={variants[index]?.id ?? index} className="px-4 py-3" lang={contentLang}>
                  {cell ?? '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Facts({
  rows,
  contentLang,
}: {
  rows: { key: string; label: string; value: React.ReactNode }[];
  contentLang: string;
}) {
  return (
    <dl className="grid gap-x-6 gap-y-3 rounded-xl border p-4 text-sm sm:grid-cols-[auto_1fr]">
      {rows.map((row) => (
        <div key={row.key} className="contents">
          <dt className="font-medium text-muted-foreground">{row.label}</dt>
          <dd lang={contentLang}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What is included, in the words of the item's kind: service tiers, package facts, specs, versions. */
export async function KindDetails({ detail, contentLang }: { detail: ItemDetail; contentLang: string }) {
  const [t, locale] = await Promise.all([getTranslations('Shop'), getLocale()]);
  const { item } = detail;
  const facts = (detail.details ?? {}) as Facts;
  const variants = detail.variants;
  const merged = (variant: ShopVariant): Facts => ({ ...facts, ...(variant.details as Facts) });

  if (item.kind === 'service') {
    const factRows = (pick: (f: Facts) => React.ReactNode, key: string, label: string): Row | null => {
      const cells = variants.map((variant) => pick(merged(variant)));
      return cells.some((cell) => cell !== undefined && cell !== null) ? { key, label, cells } : null;
    };
    const factRowsAll = [
      factRows(
        (f) =>
          num(f, 'turnaroundDays') !== undefined
            ? t('details.days', { count: num(f, 'turnaroundDays') ?? 0 })
            : undefined,
        'turnaround',
        t('details.turnaround'),
      ),
      factRows((f) => num(f, 'revisionsIncluded'), 'revisions', t('details.revisions')),
      factRows(
        (f) => (lines(f, 'deliverables').length ? <List items={lines(f, 'deliverables')} /> : undefined),
        'deliverables',
        t('details.deliverables'),
      ),
      factRows(
        (f) => (lines(f, 'clientUploads').length ? <List items={lines(f, 'clientUploads')} /> : undefined),
        'uploads',
        t('details.clientUploads'),
      ),
    ].filter((row): row is Row => row !== null);
    if (factRowsAll.length === 0) return null;
    const single = variants.length === 1;
    return (
      <section aria-labelledby="details-heading" className="flex flex-col gap-3">
        <h2 id="details-heading" className="text-xl font-semibold">
          {single ? t('details.whatsIncluded') : t('details.compareTiers')}
        </h2>
        {single ? (
          <Facts
            rows={factRowsAll.map((row) => ({ key: row.key, label: row.label, value: row.cells[0] }))}
            contentLang={contentLang}
          />
        ) : (
          <Comparison
            caption={t('details.compareTiers')}
            variants={variants}
            rows={[
              {
                key: 'price',
                label: t('details.price'),
                cells: variants.map((variant) => formatMoney(variant.price, locale)),
              },
              ...factRowsAll,
            ]}
            contentLang={contentLang}
          />
        )}
      </section>
    );
  }

  if (item.kind === 'package') {
    const deposit = (f: Facts) => {
      const rule = f.deposit as { type?: string; value?: number } | undefined;
      if (!rule?.type) return undefined;
      if (rule.type === 'none') return t('details.depositNone');
      if (rule.type === 'percent') return t('details.depositPercent', { percent: rule.value ?? 0 });
      return t('details.depositFixed', {
        amount: formatMoney({ amountMinor: rule.value ?? 0, currency: item.price.currency }, locale),
      });
    };
    const pick = (f: Facts): { key: string; label: string; value: React.ReactNode }[] =>
      [
        {
          key: 'duration',
          label: t('details.duration'),
          value:
            num(f, 'durationMinutes') !== undefined
              ? t('details.minutes', { count: num(f, 'durationMinutes')! })
              : undefined,
        },
        { key: 'photos', label: t('details.includedPhotos'), value: num(f, 'includedPhotos') },
        { key: 'outfits', label: t('details.outfitChanges'), value: num(f, 'outfitChanges') },
        { key: 'children', label: t('details.maxChildren'), value: num(f, 'maxChildren') },
        { key: 'print', label: t('details.includedPrint'), value: str(f, 'includedPrint') },
        { key: 'deposit', label: t('details.deposit'), value: deposit(f) },
      ].filter((row) => row.value !== undefined);
    const base = pick(variants.length === 1 && variants[0] ? merged(variants[0]) : facts);
    return (
      <section aria-labelledby="details-heading" className="flex flex-col gap-3">
        <h2 id="details-heading" className="text-xl font-semibold">
          {t('details.whatsIncluded')}
        </h2>
        {variants.length > 1 ? (
          <Comparison
            caption={t('details.whatsIncluded')}
            variants={variants}
            contentLang={contentLang}
            rows={[
              {
                key: 'price',
                label: t('details.price'),
                cells: variants.map((variant) => formatMoney(variant.price, locale)),
              },
              ...pick({ ...facts, ...Object.assign({}, ...variants.map((variant) => variant.details)) }).map(
                (row) => ({
                  key: row.key,
                  label: row.label,
                  cells: variants.map(
                    (variant) => pick(merged(variant)).find((entry) => entry.key === row.key)?.value,
                  ),
                }),
              ),
            ]}
          />
        ) : base.length > 0 ? (
          <Facts rows={base} contentLang={contentLang} />
        ) : null}
      </section>
    );
  }

  if (item.kind === 'product') {
    const rows = [
      ...(item.brand ? [{ key: 'brand', label: t('details.brand'), value: item.brand.name }] : []),
      ...specs(facts).map((spec) => ({
        key: `spec-${spec.name}`,
        label: spec.name,
        value: spec.unit ? `${spec.value} ${spec.unit}` : spec.value,
      })),
      ...(str(facts, 'unit')
        ? [{ key: 'unit', label: t('details.unit'), value: unitName(str(facts, 'unit')!, t) }]
        : []),
      ...(num(facts, 'packSize') !== undefined
        ? [{ key: 'pack', label: t('details.packSize'), value: num(facts, 'packSize') }]
        : []),
    ];
    if (rows.length === 0) return null;
    return (
      <section aria-labelledby="details-heading" className="flex flex-col gap-3">
        <h2 id="details-heading" className="text-xl font-semibold">
          {t('details.specifications')}
        </h2>
        <div className="rounded-xl border">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('details.specifications')}</caption>
            <tbody>
              {rows.map((row, index) => (
                <tr key={row.key} className={index > 0 ? 'border-t' : undefined}>
                  <th
                    scope="row"
                    className="w-1/2 px-4 py-2.5 font-medium text-muted-foreground"
                    lang={row.key.startsWith('spec-') ? contentLang : undefined}
                  >
                    {row.label}
                  </th>
                  <td className="px-4 py-2.5" lang={contentLang}>
                    {row.value}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    );
  }

  // digital
  const licence = facts.licence as { durationDays?: number | null; ipSlots?: number } | undefined;
  const versions = Array.isArray(facts.versions)
    ? (facts.versions as { version: string; releasedAt: string; changelog: string }[])
    : [];
  const rows = [
    ...(str(facts, 'currentVersion')
      ? [{ key: 'version', label: t('details.currentVersion'), value: str(facts, 'currentVersion') }]
      : []),
    ...(licence
      ? [
          {
            key: 'licence',
            label: t('details.licence'),
            value:
              licence.durationDays === null || licence.durationDays === undefined
                ? t('details.lifetime')
                : t('details.days', { count: licence.durationDays }),
          },
          ...(licence.ipSlots !== undefined
            ? [{ key: 'ips', label: t('details.ipSlots'), value: licence.ipSlots }]
            : []),
        ]
      : []),
  ];
  if (rows.length === 0 && versions.length === 0) return null;
  return (
    <section aria-labelledby="details-heading" className="flex flex-col gap-3">
      <h2 id="details-heading" className="text-xl font-semibold">
        {t('details.licenceAndVersions')}
      </h2>
      {rows.length > 0 ? <Facts rows={rows} contentLang={contentLang} /> : null}
      {versions.length > 0 ? (
        <div className="flex flex-col gap-2">
          <h3 className="text-base font-semibold">{t('details.changelog')}</h3>
          <ol className="flex flex-col gap-3">
            {versions.slice(0, 10).map((version) => (
              <li key={version.version} className="rounded-xl border p-4 text-sm">
                <p className="font-medium">
                  {version.version}{' '}
                  <span className="font-normal text-muted-foreground">
                    ·{' '}
                    <time dateTime={version.releasedAt}>{formatDate(version.releasedAt, locale, 'UTC')}</time>
                  </span>
                </p>
                {version.changelog ? (
                  <p className="mt-1 whitespace-pre-line text-muted-foreground" lang={contentLang}>
                    {version.changelog}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}

/**
 * Studios write the unit short, as their price lists do ("pcs", "m", "box": the editor's hint). The
 * common ones are shown as words in the reader's language ("piece", "ชิ้น"); anything else as written.
 */
const UNIT_WORDS: Record<string, string> = {
  pcs: 'piece',
  pc: 'piece',
  ea: 'piece',
  each: 'piece',
  piece: 'piece',
  m: 'metre',
  ft: 'foot',
  box: 'box',
  pack: 'pack',
  roll: 'roll',
  set: 'set',
  pair: 'pair',
  kg: 'kilogram',
};

function unitName(unit: string, t: (key: string) => string): string {
  const key = unit.trim().toLowerCase().replace(/\.$/, '');
  return Object.hasOwn(UNIT_WORDS, key) ? t(`details.units.${UNIT_WORDS[key]}`) : unit;
}

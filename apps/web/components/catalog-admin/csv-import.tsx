'use client';

import { isAtelierApiError } from '@atelier/sdk';
import { Download, FileUp } from 'lucide-react';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FilePicker } from '@/components/ui/file-picker';
import { Label } from '@/components/ui/label';
import { formatDateTime } from '@/lib/dates';
import { catalogCall, sendBody } from './admin-api';
import { catalogAdminPath, catalogPage } from './paths';
import { ScrollRegion } from './scroll-region';
import type { AdminImport, StudioFacts } from './types';

const POLL_MS = 1000;
const MAX_BYTES = 20 * 1024 * 1024;
const finished = (run: AdminImport) => run.status === 'completed' || run.status === 'failed';

/**
 * Upload a product CSV, watch its progress (the import runs in the background; this polls it), then read
 * the report: created, updated, and every rejected row with the column and the reason.
 */
export function CsvImport({
  studio,
  current: initial,
  recent,
}: {
  studio: StudioFacts;
  current: AdminImport | null;
  recent: AdminImport[];
}) {
  const t = useTranslations('CatalogAdmin.import');
  const tErr = useTranslations('CatalogAdmin.errors');
  const word = useFieldErrorWords();
  const locale = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [run, setRun] = useState<AdminImport | null>(initial);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const number = (value: number) => new Intl.NumberFormat(locale).format(value);

  // Poll while the import runs; when it ends, move focus to the report so it is read out.
  useEffect(() => {
    if (!run || finished(run)) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      try {
        const next = await catalogCall<AdminImport>(studio.slug, 'GET', `/imports/${run.id}`);
        if (stopped) return;
        setRun(next);
        if (finished(next)) requestAnimationFrame(() => reportHeading.current?.focus());
      } catch (error) {
        if (!stopped) setNotice({ tone: 'error', text: problemSummary(error, tErr, word) });
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [run, studio.slug, tErr, word]);

  /**
   * A file whose first row is wrong is refused whole, with one `header.<column>` field per fault. Their
   * raw detail read "header.sku the sku column is required"; this says it per column, in the reader's
   * language where the API's reason is one we know.
   */
  const headerProblems = (error: unknown): string | null => {
    if (!isAtelierApiError(error)) return null;
    const faults = error.fields
      .filter(({ field }) => field.startsWith('header.'))
      .map(({ field, message }) => {
        const column = field.slice('header.'.length);
        if (message.includes('column is required')) return t('header.required', { column });
        if (message === 'appears twice') return t('header.twice', { column });
        if (message.startsWith('is not a column')) return t('header.unknown', { column });
        if (message.startsWith('a spec column')) return t('header.specName', { column });
        return `${column}: ${message}`;
      });
    return faults.length > 0 ? t('header.summary', { problems: faults.join(' ') }) : null;
  };

  const start = async () => {
    if (!file) {
      setNotice({ tone: 'error', text: t('pickFirst') });
      input.current?.focus();
      return;
    }
    if (file.size > MAX_BYTES) {
      setNotice({ tone: 'error', text: t('tooLarge') });
      return;
    }
    setUploading(true);
    setNotice(null);
    try {
      const started = await sendBody<AdminImport>(
        studio.slug,
        'POST',
        `/imports?${new URLSearchParams({ fileName: file.name.slice(0, 200) })}`,
        file,
        // The key makes a double click or a retried upload one import, not two.
        { 'content-type': 'text/csv', 'idempotency-key': crypto.randomUUID() },
      );
      setRun(started);
      setFile(null);
      if (input.current) input.current.value = '';
      window.history.replaceState(null, '', `${catalogPage(studio.slug, '/import')}?import=${started.id}`);
    } catch (error) {
      setNotice({ tone: 'error', text: headerProblems(error) ?? problemSummary(error, tErr, word) });
    } finally {
      setUploading(false);
    }
  };

  const percent = run && run.totalRows > 0 ? Math.round((run.processedRows / run.totalRows) * 100) : null;

  return (
    <div className="space-y-6">
      <div aria-live="polite">
        {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
      </div>

      <section aria-labelledby="import-upload" className="space-y-4 rounded-xl border bg-card p-4 sm:p-6">
        <h2 id="import-upload" className="text-lg font-semibold">
          {t('uploadTitle')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('uploadLead')}</p>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a pointer shortcut for the file input inside */}
        <div
          className="flex flex-col items-center gap-3 rounded-lg border-2 border-dashed p-6 text-center"
          onDragOver={(event) => event.preventDefault()}
          onDrop={(event) => {
            event.preventDefault();
            const dropped = event.dataTransfer.files[0];
            if (dropped) setFile(dropped);
          }}
        >
          <FileUp className="size-8 text-muted-foreground" aria-hidden="true" />
          <Label htmlFor="csv-file">{t('chooseFile')}</Label>
          <FilePicker
            ref={input}
            id="csv-file"
            accept=".csv,text/csv"
            aria-describedby="csv-file-hint"
            className="justify-center"
            chooseLabel={t('pickButton')}
            emptyLabel={t('noFile')}
            // Kept here rather than read from the input: a dropped file never reaches the input.
            selected={file ? [file] : null}
            describe={([chosen]) =>
              chosen ? t('chosen', { name: chosen.name, size: number(Math.ceil(chosen.size / 1024)) }) : null
            }
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          <p id="csv-file-hint" className="text-sm text-muted-foreground">
            {t('dropHint')}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button
            type="button"
            onClick={() => void start()}
            disabled={uploading || (run !== null && !finished(run))}
          >
            {uploading ? t('uploading') : t('start')}
          </Button>
          <Button asChild variant="outline">
            <a href={catalogAdminPath(studio.slug, '/export.csv')} download>
              <Download aria-hidden="true" />
              {t('export')}
            </a>
          </Button>
        </div>
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">{t('columnsTitle')}</summary>
          <p className="mt-2 text-muted-foreground">{t('columns')}</p>
        </details>
      </section>

      {run ? (
        <section
          aria-labelledby="import-report"
          className="space-y-4 rounded-xl border bg-card p-4 sm:p-6"
          data-testid="import-report"
        >
          <div className="flex flex-wrap items-center gap-2">
            <h2
              id="import-report"
              ref={reportHeading}
              tabIndex={-1}
              className="text-lg font-semibold outline-none"
            >
              {t('reportTitle', { name: run.fileName })}
            </h2>
            <Badge variant="outline">{t(`status.${run.status}`)}</Badge>
          </div>
          <div className="space-y-1">
            <p id="import-progress-label" className="text-sm" role="status">
              {run.status === 'queued'
                ? t('queued')
                : t('progress', {
                    done: number(run.processedRows),
                    total: number(run.totalRows),
                    percent: percent ?? 0,
                  })}
            </p>
            {/* No value while queued: an indeterminate bar, since the row count is not known yet. */}
            <progress
              className="h-2 w-full appearance-none overflow-hidden rounded-full [&::-moz-progress-bar]:bg-brand [&::-webkit-progress-bar]:bg-muted [&::-webkit-progress-value]:bg-brand"
              aria-labelledby="import-progress-label"
              max={run.totalRows || 1}
              {...(run.status === 'queued'
                ? {}
                : { value: run.status === 'completed' ? run.totalRows || 1 : run.processedRows })}
            />
          </div>
          {run.error ? <FormMessage tone="error">{t('failed', { error: run.error })}</FormMessage> : null}
          <dl className="grid grid-cols-3 gap-3 text-center">
            {(
              [
                ['created', run.createdCount],
                ['updated', run.updatedCount],
                ['rejected', run.rejectedCount],
              ] as const
            ).map(([key, value]) => (
              <div key={key} className="rounded-lg bg-muted p-3">
                <dt className="text-sm text-muted-foreground">{t(`counts.${key}`)}</dt>
                <dd className="text-2xl font-bold tabular-nums">{number(value)}</dd>
              </div>
            ))}
          </dl>
          {run.reactivatedCount > 0 ? (
            <p className="text-sm text-muted-foreground">
              {t('reactivated', { count: run.reactivatedCount })}
            </p>
          ) : null}
          {run.rejected.length > 0 ? (
            <div className="space-y-2">
              <h3 className="font-semibold">{t('rejectedTitle')}</h3>
              {run.rejectedCount > run.rejected.length ? (
                <p className="text-sm text-muted-foreground">
                  {t('rejectedCapped', {
                    shown: number(run.rejected.length),
                    total: number(run.rejectedCount),
                  })}
                </p>
              ) : null}
              <ScrollRegion label={t('rejectedTitle')} className="max-h-96">
                <table className="w-full text-sm" data-testid="rejected-rows">
                  <caption className="sr-only">{t('rejectedCaption')}</caption>
                  <thead className="sticky top-0 bg-muted text-left">
                    <tr>
                      <th scope="col" className="px-3 py-2 font-medium">
                        {t('row')}
                      </th>
                      <th scope="col" className="px-3 py-2 font-medium">
                        {t('column')}
                      </th>
                      <th scope="col" className="px-3 py-2 font-medium">
                        {t('problem')}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y">
                    {run.rejected.map((row) => (
                      <tr key={`${row.row}-${row.field}`}>
                        <td className="px-3 py-2 tabular-nums">{row.row}</td>
                        <td className="px-3 py-2 font-mono text-xs">{row.field}</td>
                        <td className="px-3 py-2">{row.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </div>
          ) : finished(run) && run.status === 'completed' ? (
            <p className="text-sm">{t('noRejected')}</p>
          ) : null}
        </section>
      ) : null}

      {recent.length > 0 ? (
        <section aria-labelledby="import-recent" className="space-y-3">
          <h2 id="import-recent" className="text-lg font-semibold">
            {t('recentTitle')}
          </h2>
          <ul className="divide-y rounded-xl border bg-card">
            {recent.map((entry) => (
              <li key={entry.id} className="flex flex-wrap items-center gap-2 p-3 text-sm">
                <Link
                  href={`${catalogPage(studio.slug, '/import')}?import=${entry.id}`}
                  className="font-medium underline-offset-4 hover:underline"
                >
                  {entry.fileName}
                </Link>
                <span className="text-muted-foreground">
                  {formatDateTime(entry.createdAt, locale, studio.timezone)}
                </span>
                <Badge variant="outline">{t(`status.${entry.status}`)}</Badge>
                <span className="ml-auto tabular-nums text-muted-foreground">
                  {t('recentCounts', {
                    created: entry.createdCount,
                    updated: entry.updatedCount,
                    rejected: entry.rejectedCount,
                  })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

'use client';

import { isAtelierApiError, type JsonBody, unwrap } from '@atelier/sdk';
import { Check, Copy } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Field, FormMessage } from '@/components/forms/field';
import { useForm } from '@/components/forms/use-form';
import { Button } from '@/components/ui/button';
import { browserApi } from '@/lib/browser-api';
import { formatDate } from '@/lib/dates';

type ApiKey = JsonBody<'listApiKeys', 200>['items'][number];

/** One studio's API keys: list, create (the full key shown once, with copy), revoke. */
export function StudioApiKeys({
  studio,
  studioName,
  timeZone,
  keys: initial,
}: {
  studio: string;
  studioName: string;
  /** The studio's time zone: a key belongs to the studio, and its dates read as the studio's do. */
  timeZone: string;
  keys: ApiKey[];
}) {
  const t = useTranslations('Account.apiKeys');
  const tForms = useTranslations('Forms');
  const locale = useLocale();
  const [keys, setKeys] = useState(initial.filter((key) => !key.revokedAt));
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const createdRef = useRef<HTMLDivElement>(null);
  const prefix = `api-key-${studio}`;

  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  const form = useForm<{ name: string }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({ name: values.name.trim() ? undefined : t('nameRequired') }),
    async submit(values, element) {
      setCopied(false);
      const answer = await unwrap(
        browserApi.POST('/api/v1/studios/{studio}/api-keys', {
          params: { path: { studio } },
          body: { name: values.name.trim() },
        }),
      );
      const { key, ...rest } = answer;
      setKeys((current) => [rest, ...current]);
      setCreated({ name: answer.name, key });
      element.reset();
    },
    onApiError: (failure) =>
      failure.unreachable
        ? { form: tForms('unreachable') }
        : failure.status === 403
          ? { form: t('forbidden') }
          : failure.fields.some((field) => field.field.endsWith('name'))
            ? { fields: { name: t('nameRequired') } }
            : { form: tForms('unexpected') },
  });

  const revoke = async (key: ApiKey) => {
    setBusy(key.id);
    setError(null);
    try {
      await unwrap(
        browserApi.DELETE('/api/v1/studios/{studio}/api-keys/{id}', {
          params: { path: { studio, id: key.id } },
        }),
      );
      setKeys((current) => current.filter((entry) => entry.id !== key.id));
      requestAnimationFrame(() => document.getElementById(`${prefix}-heading`)?.focus());
    } catch (caught) {
      setError(
        isAtelierApiError(caught) && caught.unreachable ? tForms('unreachable') : tForms('unexpected'),
      );
    } finally {
      setBusy(null);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      // Clipboard refused (permissions, insecure origin): the key stays selectable on screen.
      setCopied(false);
    }
  };

  return (
    <section aria-labelledby={`${prefix}-heading`} className="space-y-3">
      <h3 id={`${prefix}-heading`} tabIndex={-1} className="font-semibold outline-none">
        {t('studio', { studio: studioName })}
      </h3>
      {created ? (
        <div
          ref={createdRef}
          tabIndex={-1}
          role="status"
          className="space-y-2 rounded-md border border-success p-3 outline-none"
          data-testid="api-key-created"
        >
          <p className="text-sm font-medium">{t('createdOnce', { name: created.name })}</p>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <code
              className="min-w-0 flex-1 break-all rounded bg-muted px-2 py-1 font-mono text-xs"
              data-testid="api-key-secret"
            >
              {created.key}
            </code>
            <Button type="button" variant="outline" size="sm" onClick={() => void copy()}>
              {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
              {copied ? t('copied') : t('copy')}
            </Button>
          </div>
          <Button type="button" variant="ghost" size="sm" onClick={() => setCreated(null)}>
            {t('done')}
          </Button>
        </div>
      ) : null}
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
      {keys.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('none')}</p>
      ) : (
        <ul className="divide-y rounded-lg border">
          {keys.map((key) => (
            <li key={key.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center">
              <div className="min-w-0 flex-1">
                <p className="break-words font-medium">{key.name}</p>
                <p className="text-sm text-muted-foreground">
                  <code className="font-mono text-xs">{key.prefix}…</code> ·{' '}
                  {key.lastUsedAt
                    ? t('lastUsed', { date: formatDate(key.lastUsedAt, locale, timeZone) })
                    : t('neverUsed')}
                </p>
              </div>
              <Button
                type="button"
                variant="outline"
                size="sm"
                disabled={busy !== null}
                aria-label={t('revokeLabel', { name: key.name })}
                onClick={() => void revoke(key)}
              >
                {busy === key.id ? t('revoking') : t('revoke')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        ref={form.formRef}
        onSubmit={form.onSubmit}
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
      >
        {form.formError ? <FormMessage tone="error">{form.formError}</FormMessage> : null}
        <Field
          idPrefix={prefix}
          name="name"
          label={t('name')}
          maxLength={100}
          className="flex-1"
          error={form.fieldErrors.name}
        />
        <Button type="submit" variant="outline" disabled={form.pending}>
          {form.pending ? t('creating') : t('create')}
        </Button>
      </form>
    </section>
  );
}

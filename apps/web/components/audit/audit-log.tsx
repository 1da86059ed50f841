'use client';

import { isAtelierApiError, type JsonBody, unwrap } from '@atelier/sdk';
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { browserApi } from '@/lib/browser-api';
import { formatDateTime } from '@/lib/dates';
import { auditActionKey } from './action-labels';

type AuditPage = JsonBody<'listStudioAudit', 200>;
type Entry = AuditPage['items'][number];

/** The audit entries, newest first, with "load more" following the API's cursor. */
export function AuditLog({
  studio,
  timezone,
  filters,
  people,
  initial,
}: {
  studio: string;
  timezone: string;
  filters: { action?: string; actor?: string; from?: string; to?: string };
  people: { id: string; name: string }[];
  initial: AuditPage;
}) {
  const t = useTranslations('Audit');
  const tForms = useTranslations('Forms');
  const locale = useLocale();
  const [items, setItems] = useState<Entry[]>(initial.items);
  const [cursor, setCursor] = useState<string | null>(initial.nextCursor);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const names = new Map(people.map((person) => [person.id, person.name]));

  const who = (entry: Entry) => {
    if (entry.actorUserId)
      return names.get(entry.actorUserId) ?? t('formerMember', { id: entry.actorUserId.slice(0, 8) });
    if (entry.actorKind === 'api_key' || entry.actorKind === 'apiKey') return t('apiKey');
    return t('system');
  };

  // The action in words; its code stays beside it, small, since the action filter takes codes.
  const whatHappened = (action: string) => {
    const key = auditActionKey(action);
    return key ? t(`actions.${key}` as Parameters<typeof t>[0]) : null;
  };

  const loadMore = async () => {
    if (!cursor) return;
    setPending(true);
    setError(null);
    const firstNew = items.length;
    try {
      const page = await unwrap(
        browserApi.GET('/api/v1/studios/{studio}/audit', {
          params: { path: { studio }, query: { limit: 50, cursor, ...filters } },
        }),
      );
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
      // Keyboard users continue where the new entries start.
      requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLElement>('li')[firstNew]?.focus());
    } catch (caught) {
      setError(
        isAtelierApiError(caught) && caught.unreachable ? tForms('unreachable') : tForms('unexpected'),
      );
    } finally {
      setPending(false);
    }
  };

  if (items.length === 0) {
    return (
      <p className="rounded-xl border border-dashed p-8 text-center text-muted-foreground">
        {/* "Nothing matches these filters" reads wrong when no filter is set. */}
        {Object.keys(filters).length > 0 ? t('empty') : t('emptyAll')}
      </p>
    );
  }
  return (
    <section aria-labelledby="audit-entries" className="space-y-4">
      <h2 id="audit-entries" className="sr-only">
        {t('entries')}
      </h2>
      <ol ref={listRef} className="divide-y rounded-xl border" data-testid="audit-entries">
        {items.map((entry) => (
          <li
            key={entry.id}
            tabIndex={-1}
            className="grid gap-1 p-4 outline-none focus-visible:ring-2 sm:grid-cols-[12rem_minmax(0,1fr)]"
          >
            <time dateTime={entry.createdAt} className="text-sm text-muted-foreground">
              {formatDateTime(entry.createdAt, locale, timezone)}
            </time>
            <div className="min-w-0 space-y-1">
              <p className="break-words">
                <span className="font-medium">{who(entry)}</span>{' '}
                {whatHappened(entry.action) ? (
                  <>
                    <span data-testid="audit-action">{whatHappened(entry.action)}</span>{' '}
                    <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-muted-foreground">
                      {entry.action}
                    </code>
                  </>
                ) : (
                  <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs" data-testid="audit-action">
                    {entry.action}
                  </code>
                )}
              </p>
              {entry.targetType ? (
                <p className="break-all text-xs text-muted-foreground">
                  {t('target')}:{' '}
                  {/* A member by name; anything else (or a former member) by its type and id. */}
                  {entry.targetType === 'user' && entry.targetId && names.has(entry.targetId)
                    ? names.get(entry.targetId)
                    : `${entry.targetType}${entry.targetId ? ` ${entry.targetId}` : ''}`}
                </p>
              ) : null}
              {entry.ip ? <p className="text-xs text-muted-foreground">{t('ip', { ip: entry.ip })}</p> : null}
            </div>
          </li>
        ))}
      </ol>
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
      {cursor ? (
        <Button type="button" variant="outline" onClick={() => void loadMore()} disabled={pending}>
          {pending ? t('loading') : t('more')}
        </Button>
      ) : (
        <p className="text-sm text-muted-foreground">{t('end')}</p>
      )}
    </section>
  );
}

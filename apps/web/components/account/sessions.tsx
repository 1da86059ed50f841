'use client';

import { isAtelierApiError, type JsonBody, unwrap } from '@atelier/sdk';
import { useLocale, useTranslations } from 'next-intl';
import { useState, useSyncExternalStore } from 'react';
import { FormMessage } from '@/components/forms/field';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { browserApi } from '@/lib/browser-api';
import { formatDateTime } from '@/lib/dates';

type Session = JsonBody<'listMySessions', 200>['items'][number];

const noSubscription = () => () => {};

/**
 * The reader's own time zone, for times about them (their devices) rather than a studio. The server
 * cannot know it, so the server's render and the browser's first one (hydration) both use UTC, and the
 * browser re-renders in its own zone right after: both first renders format with the same explicit zone
 * and agree, so React finds no mismatch (#418) whatever zones the server and the browser are in.
 */
function useReaderTimeZone(): string {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    () => 'UTC',
  );
}

/** Where the person is signed in, with "sign out" for each device but this one. */
export function SessionList({ sessions: initial }: { sessions: Session[] }) {
  const t = useTranslations('Account.sessions');
  const tForms = useTranslations('Forms');
  const locale = useLocale();
  const timeZone = useReaderTimeZone();
  const [sessions, setSessions] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const revoke = async (session: Session) => {
    setBusy(session.id);
    setNotice(null);
    try {
      await unwrap(browserApi.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: session.id } } }));
      setSessions((current) => current.filter((entry) => entry.id !== session.id));
      setNotice({ tone: 'success', text: t('revoked', { device: session.device || t('unknownDevice') }) });
      // The list item (and its button) is gone: keep focus in the list instead of losing it to <body>.
      requestAnimationFrame(() => document.getElementById('sessions')?.focus());
    } catch (error) {
      setNotice({
        tone: 'error',
        text: isAtelierApiError(error) && error.unreachable ? tForms('unreachable') : tForms('unexpected'),
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
      </div>
      <ul className="divide-y rounded-lg border" data-testid="sessions">
        {sessions.map((session) => {
          const device = session.device || t('unknownDevice');
          return (
            <li key={session.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center">
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <span className="break-words">{device}</span>
                  {session.current ? <Badge variant="secondary">{t('current')}</Badge> : null}
                </p>
                <p className="text-sm text-muted-foreground">
                  {t('lastActive', { date: formatDateTime(session.lastSeenAt, locale, timeZone) })}
                  {session.ip ? ` · ${session.ip}` : ''}
                </p>
              </div>
              {session.current ? null : (
                <Button
                  type="button"
                  variant="outline"
                  size="sm"
                  disabled={busy !== null}
                  aria-label={t('revokeLabel', { device })}
                  onClick={() => void revoke(session)}
                >
                  {busy === session.id ? t('revoking') : t('revoke')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {sessions.every((session) => session.current) ? (
        <p className="text-sm text-muted-foreground">{t('empty')}</p>
      ) : null}
    </div>
  );
}

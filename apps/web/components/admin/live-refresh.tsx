'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { formatTime } from '@/lib/dates';
import { createLiveRefresh } from './live-refresh-schedule';

/**
 * Keeps a server-rendered page's numbers live: it re-renders the page (router.refresh, no reload, the
 * reader keeps their place and focus) every minute while the tab is shown, and says when the numbers
 * were read. `renderedAt` comes from the server render, so the time shown is the numbers' own. Its page
 * wraps it in `<ClientMessages namespaces={['LiveRefresh']}>`.
 */
export function LiveRefresh({
  renderedAt,
  everySeconds = 60,
}: {
  renderedAt: string;
  everySeconds?: number;
}) {
  const t = useTranslations('LiveRefresh');
  const locale = useLocale();
  const router = useRouter();
  const schedule = useRef<ReturnType<typeof createLiveRefresh> | null>(null);
  // The time in the page's language and the reader's own time zone, known only in the browser.
  const [time, setTime] = useState<string | null>(null);

  useEffect(() => {
    const live = createLiveRefresh({
      everyMs: everySeconds * 1000,
      now: () => Date.now(),
      visible: () => document.visibilityState === 'visible',
      refresh: () => router.refresh(),
    });
    schedule.current = live;
    const timer = window.setInterval(() => live.check(), 5_000);
    const onVisibility = () => live.check();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [everySeconds, router]);

  useEffect(() => {
    schedule.current?.rendered();
    setTime(formatTime(renderedAt, locale));
  }, [renderedAt, locale]);

  return (
    <p className="text-sm text-muted-foreground" data-testid="live-refresh" data-rendered-at={renderedAt}>
      {time ? t('updated', { time }) : t('every')}
    </p>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { formatTimeLeft, timeLeft } from './price-logic';

interface SaleCountdownProps {
  /** ISO time the sale ends. */
  endsAt: string;
  /** "Sale ends in" */
  label: string;
  /** "Sale ended" */
  endedLabel: string;
  /** Localised short "day" unit, e.g. "d" or " วัน". */
  dayUnit: string;
  /** The server's clock when it rendered, so the first paint matches the server's HTML. */
  renderedAt: number;
}

/**
 * A ticking countdown to the end of a flash sale. Screen readers get it as a timer that is not
 * announced every second (role=timer is aria-live=off); the page next to it says the end date in words.
 * When the sale ends the page is refreshed from the server, which decides the price in force.
 */
export function SaleCountdown({ endsAt, label, endedLabel, dayUnit, renderedAt }: SaleCountdownProps) {
  const router = useRouter();
  const end = Date.parse(endsAt);
  const [now, setNow] = useState(renderedAt);

  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const left = timeLeft(end, now);
  useEffect(() => {
    if (left.done) router.refresh();
  }, [left.done, router]);

  if (left.done) return <p className="text-sm font-medium text-muted-foreground">{endedLabel}</p>;
  return (
    <p className="inline-flex flex-wrap items-baseline gap-x-2 text-sm font-medium">
      <span>{label}</span>
      <time dateTime={endsAt} role="timer" className="font-mono text-base tabular-nums">
        {formatTimeLeft(left, dayUnit)}
      </time>
    </p>
  );
}

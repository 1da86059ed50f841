import { getTranslations } from 'next-intl/server';
import { formatDateTime } from '@/lib/dates';
import {
  describeTimelineEntry,
  type TimelineEntry,
  type TimelineLabels,
  type TimelineText,
} from './order-timeline';

/**
 * An order's timeline, oldest first, as both the studio's order page and the client's show it: one look,
 * start-side rule and dots (logical properties, so a right-to-left page mirrors it). Who reads
 * (`labels.viewer`) changes only the words `describeTimelineEntry` picks, e.g. staff see who on the team
 * acted and the payer does not.
 */
export async function OrderTimelineList({
  entries,
  labels,
  locale,
  timeZone,
  testId,
}: {
  entries: readonly (TimelineEntry & { id: string; at: string })[];
  labels: TimelineLabels;
  locale: string;
  /** The studio's zone: server and browser then write the same time. */
  timeZone: string;
  testId: string;
}) {
  const t = await getTranslations('OrderTimeline');
  const say = (text: TimelineText) => ('text' in text ? text.text : t(text.key, text.values));
  return (
    <ol className="space-y-4 border-s ps-4 text-sm" data-testid={testId}>
      {entries.map((entry) => {
        const { title, details, by } = describeTimelineEntry(entry, labels);
        return (
          <li key={entry.id} className="relative">
            <span
              className="absolute -start-[1.3rem] top-1.5 size-2 rounded-full bg-brand"
              aria-hidden="true"
            />
            <p className="font-medium">{say(title)}</p>
            {details.map((detail, index) => (
              // A staff note keeps the lines its writer typed.
              // biome-ignore lint/suspicious/noArrayIndexKey: details never reorder; two may read the same
              <p key={index} className="whitespace-pre-line text-muted-foreground">
                {say(detail)}
              </p>
            ))}
            <p className="text-xs text-muted-foreground">
              <time dateTime={entry.at}>{formatDateTime(entry.at, locale, timeZone)}</time>
              {by ? ` · ${say(by)}` : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}

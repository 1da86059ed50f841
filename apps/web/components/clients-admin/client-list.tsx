import { CircleUserRound, UserRoundX } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { type ClientTotals, clientPage, type StudioClient } from './types';

/**
 * Clients as a table on wide screens and as cards below a laptop's width (same rows, same links). Each
 * says whether an account is behind the record (the person signs in and sees their history) or it is a
 * guest's, and whether it has retired (its person moved to another address or closed their account).
 */
export async function ClientList({
  clients,
  totals,
  studio,
  locale,
}: {
  clients: StudioClient[];
  /** Each client's order totals, when they could be read (else the columns say nothing). */
  totals: Map<string, ClientTotals>;
  studio: { slug: string; name: string; timezone: string; currency: string };
  locale: string;
}) {
  const t = await getTranslations('ClientsAdmin');
  const ordered = (client: StudioClient) => {
    const mine = totals.get(client.id);
    if (!mine) return null;
    return {
      orders: t('list.orderCount', { count: mine.orders }),
      spent: formatMoney({ amountMinor: mine.spentMinor, currency: studio.currency }, locale),
      last: mine.lastOrderAt ? formatDate(mine.lastOrderAt, locale, studio.timezone) : null,
    };
  };
  const caption = t('list.caption', { name: studio.name });
  const since = (client: StudioClient) => formatDate(client.createdAt, locale, studio.timezone);
  const badges = (client: StudioClient) => (
    <span className="flex flex-wrap gap-1.5">
      <ClientBadges
        client={client}
        labels={{ account: t('badge.account'), guest: t('badge.guest'), retired: t('badge.retired') }}
      />
    </span>
  );
  return (
    <>
      <section
        className="relative hidden overflow-x-auto rounded-xl border lg:block"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
        tabIndex={0}
        aria-label={caption}
      >
        <table className="w-full text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-muted/50 text-left">
            <tr>
              <th scope="col" className="px-3 py-3 font-medium">
                {t('list.name')}
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                {t('list.contact')}
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                {t('list.record')}
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                {t('list.orders')}
              </th>
              <th scope="col" className="px-3 py-3 text-right font-medium">
                {t('list.spent')}
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                {t('list.since')}
              </th>
            </tr>
          </thead>
          <tbody>
            {clients.map((client) => (
              <tr key={client.id} className="border-t align-top hover:bg-muted/40">
                <th scope="row" className="px-3 py-3 text-left font-medium">
                  <Link
                    href={clientPage(studio.slug, client.id)}
                    className="text-brand-ink underline-offset-4 hover:underline"
                  >
                    {client.name}
                  </Link>
                </th>
                <td className="px-3 py-3">
                  <span className="block break-all">{client.email}</span>
                  {client.phone ? <span className="block text-muted-foreground">{client.phone}</span> : null}
                </td>
                <td className="px-3 py-3">{badges(client)}</td>
                <td className="whitespace-nowrap px-3 py-3">
                  <span className="block">{ordered(client)?.orders}</span>
                  {ordered(client)?.last ? (
                    <span className="block text-muted-foreground">
                      {t('list.lastOrder', { date: ordered(client)!.last! })}
                    </span>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-3 py-3 text-right font-medium tabular-nums">
                  {ordered(client)?.spent}
                </td>
                <td className="whitespace-nowrap px-3 py-3">{since(client)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ul className="space-y-3 lg:hidden" aria-label={caption}>
        {clients.map((client) => (
          <li key={client.id} className="rounded-xl border p-4">
            <Link
              href={clientPage(studio.slug, client.id)}
              className="font-medium text-brand-ink underline underline-offset-4"
            >
              {client.name}
            </Link>
            <p className="mt-1 break-all text-sm">{client.email}</p>
            {client.phone ? <p className="text-sm text-muted-foreground">{client.phone}</p> : null}
            {ordered(client) ? (
              <p className="mt-1 text-sm">
                {ordered(client)!.orders} ·{' '}
                <span className="font-medium tabular-nums">{ordered(client)!.spent}</span>
              </p>
            ) : null}
            <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
              {badges(client)}
              <span className="text-xs text-muted-foreground">
                {t('list.sinceDate', { date: since(client) })}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Account or guest, and retired: each with an icon as well as words, so neither leans on colour. */
export function ClientBadges({
  client,
  labels,
}: {
  client: Pick<StudioClient, 'userId' | 'retiredAt'>;
  labels: { account: string; guest: string; retired: string };
}) {
  return (
    <>
      <Badge variant="outline" className="whitespace-nowrap bg-background" data-testid="client-kind">
        <CircleUserRound className="size-3.5" aria-hidden="true" />
        {client.userId ? labels.account : labels.guest}
      </Badge>
      {client.retiredAt ? (
        <Badge
          variant="outline"
          className="whitespace-nowrap border-border bg-background text-muted-foreground"
          data-testid="client-retired"
        >
          <UserRoundX className="size-3.5" aria-hidden="true" />
          {labels.retired}
        </Badge>
      ) : null}
    </>
  );
}

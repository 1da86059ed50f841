import { type JsonBody, unwrap } from '@atelier/sdk';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/admin/forbidden';
import { AdminPageHeader } from '@/components/admin/page-header';
import { ApiProblem } from '@/components/api-problem';
import { ClientMessages } from '@/components/client-messages';
import { TeamManager } from '@/components/team/team-manager';
import { titleMetadata } from '@/lib/metadata';
import { asSession, getMembership, roleAtLeast } from '@/lib/session';
import { requireStudio } from '@/lib/studio';

type TeamSeats = JsonBody<'listStudioMembers', 200>['seats'];

export const generateMetadata = titleMetadata('Team', 'title');

export default async function TeamPage({ params }: { params: Promise<{ studio: string }> }) {
  const studio = await requireStudio(params);
  const [t, membership] = await Promise.all([getTranslations('Team'), getMembership(studio.slug)]);
  const heading = <AdminPageHeader title={t('title')} lead={t('lead', { name: studio.name })} />;
  // The layout already turned away everyone else; this narrows the type.
  if (membership.kind !== 'member') return heading;
  if (!roleAtLeast(membership.role, 'staff')) {
    return (
      <div className="space-y-6">
        {heading}
        <Forbidden message={t('forbidden')} />
      </div>
    );
  }
  const path = { studio: studio.slug };
  const [team, invitations] = await Promise.all([
    asSession(async (api) => {
      // The team is small (a plan's seats), but walk the pages rather than assume one.
      const items = [];
      let cursor: string | undefined;
      // The seats come with every page, counted by the API the way it refuses an invitation.
      let seats: TeamSeats | undefined;
      do {
        const page = await unwrap(
          api.GET('/api/v1/studios/{studio}/members', {
            params: { path, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        );
        items.push(...page.items);
        seats ??= page.seats;
        cursor = page.nextCursor ?? undefined;
      } while (cursor && items.length < 1000);
      return { items, seats: seats! };
    }),
    asSession(
      async (api) =>
        (await unwrap(api.GET('/api/v1/studios/{studio}/invitations', { params: { path } }))).items,
    ),
  ]);
  return (
    <div className="space-y-6">
      {heading}
      {!team.ok ? (
        <ApiProblem error={team.error} />
      ) : !invitations.ok ? (
        <ApiProblem error={invitations.error} />
      ) : (
        <ClientMessages namespaces={['Team', 'Forms', 'ApiReasons']}>
          <TeamManager
            studio={{ slug: studio.slug, name: studio.name, timezone: studio.timezone }}
            me={{ userId: membership.me.id, role: membership.role }}
            members={team.value.items}
            invitations={invitations.value}
            seats={team.value.seats}
          />
        </ClientMessages>
      )}
    </div>
  );
}

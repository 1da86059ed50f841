'use client';

import { type FieldError, isAtelierApiError, type JsonBody, unwrap } from '@atelier/sdk';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { EMAIL_PATTERN, useForm } from '@/components/forms/use-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { browserApi } from '@/lib/browser-api';
import { formatDate } from '@/lib/dates';

type Member = JsonBody<'listStudioMembers', 200>['items'][number];
type Invitation = JsonBody<'listStudioInvitations', 200>['items'][number];
type Role = Member['role'];
/** The plan's team seats, counted by the API the way it refuses an invitation (members + pending). */
type Seats = JsonBody<'listStudioMembers', 200>['seats'];

const ROLES: Role[] = ['owner', 'admin', 'staff', 'moderator'];
const RANK: Record<Role, number> = { owner: 4, admin: 3, staff: 2, moderator: 1 };

/**
 * The team rule a refusal names (`team.last_owner`, `team.seats_full`, `team.already_invited`, ...) in
 * the reader's language from `ApiReasons` (the page ships them), a role it names in this page's words.
 */
function useTeamRuleWords(): (error: FieldError) => string {
  const word = useFieldErrorWords();
  const t = useTranslations('Team');
  return useCallback(
    (error: FieldError) => {
      const role = error.params?.role;
      return typeof role === 'string' && t.has(`roles.${role}`)
        ? word({ ...error, params: { ...error.params, role: t(`roles.${role}`) } })
        : word(error);
    },
    [word, t],
  );
}

export function TeamManager({
  studio,
  me,
  members,
  invitations,
  seats,
}: {
  studio: { slug: string; name: string; timezone: string };
  me: { userId: string; role: Role };
  members: Member[];
  invitations: Invitation[];
  seats: Seats;
}) {
  const t = useTranslations('Team');
  const tForms = useTranslations('Forms');
  const word = useTeamRuleWords();
  const locale = useLocale();
  const router = useRouter();
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  /**
   * The role picked in a member's dropdown, by user id, until the page shows it as theirs: a refused
   * change drops it, so the dropdown goes back to the role the member still has, not the refused one.
   */
  const [pickedRoles, setPickedRoles] = useState<Record<string, Role>>({});
  const canManage = RANK[me.role] >= RANK.admin;
  const path = { studio: studio.slug };

  useEffect(() => {
    if (notice?.tone === 'error') noticeRef.current?.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }, [notice]);

  // Once the refreshed team shows a picked role as the member's own, the pick has nothing more to say.
  useEffect(() => {
    setPickedRoles((picked) => {
      const pending = Object.entries(picked).filter(
        ([userId, role]) => members.find((member) => member.userId === userId)?.role !== role,
      );
      return pending.length === Object.keys(picked).length ? picked : Object.fromEntries(pending);
    });
  }, [members]);

  const forgetPickedRole = (userId: string) => setPickedRoles(({ [userId]: _refused, ...others }) => others);

  const explain = (error: unknown): string => {
    if (!isAtelierApiError(error)) return tForms('unexpected');
    if (error.unreachable) return tForms('unreachable');
    // A rule by name (the last owner, owners only, an accepted invitation), worded for the reader.
    const rule = error.fields.find((field) => field.reason);
    if (rule) return word(rule);
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 404) return t('errors.gone');
    return tForms('unexpected');
  };

  const run = async (
    key: string,
    action: () => Promise<unknown>,
    success: string,
    after?: () => void,
    refused?: () => void,
  ) => {
    setBusy(key);
    setNotice(null);
    try {
      await action();
      setNotice({ tone: 'success', text: success });
      setConfirming(null);
      if (after) after();
      else router.refresh();
    } catch (error) {
      setNotice({ tone: 'error', text: explain(error) });
      refused?.();
    } finally {
      setBusy(null);
    }
  };

  const assignable = ROLES.filter((role) => RANK[role] <= RANK[me.role]);

  return (
    <div className="space-y-6">
      <div ref={noticeRef} aria-live="polite">
        {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
      </div>

      <Card className="p-5 sm:p-6" role="region" aria-labelledby="team-members">
        <h2 id="team-members" className="text-xl font-semibold">
          {t('members')} <span className="text-muted-foreground">({members.length})</span>
        </h2>
        <ul className="mt-4 divide-y" data-testid="team-members">
          {members.map((member) => {
            const self = member.userId === me.userId;
            const editable = canManage && (me.role === 'owner' || member.role !== 'owner');
            const rowKey = `member-${member.userId}`;
            return (
              <li key={member.userId} className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 font-medium">
                    <span className="break-words">{member.name}</span>
                    {self ? <Badge variant="outline">{t('you')}</Badge> : null}
                  </p>
                  <p className="break-all text-sm text-muted-foreground">{member.email}</p>
                  <p className="text-xs text-muted-foreground">
                    {t('joined', { date: formatDate(member.joinedAt, locale, studio.timezone) })}
                  </p>
                </div>
                {editable ? (
                  <form
                    className="flex items-end gap-2"
                    onSubmit={(event) => {
                      event.preventDefault();
                      const role = pickedRoles[member.userId] ?? member.role;
                      if (role === member.role) return;
                      void run(
                        `${rowKey}-role`,
                        () =>
                          unwrap(
                            browserApi.PATCH('/api/v1/studios/{studio}/members/{userId}', {
                              params: { path: { ...path, userId: member.userId } },
                              body: { role },
                            }),
                          ),
                        t('roleChanged', { name: member.name, role: t(`roles.${role}`) }),
                        undefined,
                        () => forgetPickedRole(member.userId),
                      );
                    }}
                  >
                    <div className="space-y-1">
                      <Label htmlFor={`${rowKey}-role`} className="sr-only">
                        {t('changeRole', { name: member.name })}
                      </Label>
                      <NativeSelect
                        id={`${rowKey}-role`}
                        name="role"
                        value={pickedRoles[member.userId] ?? member.role}
                        onChange={(event) => {
                          const picked = event.currentTarget.value as Role;
                          setPickedRoles((roles) => ({ ...roles, [member.userId]: picked }));
                        }}
                        className="w-36"
                      >
                        {ROLES.filter((role) => assignable.includes(role) || role === member.role).map(
                          (role) => (
                            <option key={role} value={role}>
                              {t(`roles.${role}`)}
                            </option>
                          ),
                        )}
                      </NativeSelect>
                    </div>
                    <Button
                      type="submit"
                      variant="outline"
                      disabled={busy !== null}
                      aria-label={t('saveRoleLabel', { name: member.name })}
                    >
                      {busy === `${rowKey}-role` ? t('saving') : t('saveRole')}
                    </Button>
                  </form>
                ) : (
                  <Badge variant="secondary">{t(`roles.${member.role}`)}</Badge>
                )}
                {self || editable ? (
                  confirming === rowKey ? (
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="text-sm">
                        {self
                          ? t('leaveConfirm', { name: studio.name })
                          : t('removeConfirm', { name: member.name })}
                      </span>
                      <Button
                        type="button"
                        variant="outline"
                        className="border-destructive text-destructive"
                        disabled={busy !== null}
                        autoFocus
                        onClick={() =>
                          void run(
                            rowKey,
                            () =>
                              unwrap(
                                browserApi.DELETE('/api/v1/studios/{studio}/members/{userId}', {
                                  params: { path: { ...path, userId: member.userId } },
                                }),
                              ),
                            self ? t('left', { name: studio.name }) : t('removed', { name: member.name }),
                            self ? () => window.location.assign('/account') : undefined,
                          )
                        }
                      >
                        {busy === rowKey ? t('saving') : self ? t('leave') : t('remove')}
                      </Button>
                      <Button type="button" variant="ghost" onClick={() => setConfirming(null)}>
                        {t('cancel')}
                      </Button>
                    </div>
                  ) : (
                    <Button
                      type="button"
                      variant="ghost"
                      // One width for "Remove" and "Leave" (and their Thai), so every row's role
                      // controls line up above each other.
                      className="self-start sm:min-w-36 sm:self-auto"
                      disabled={busy !== null}
                      aria-label={
                        self
                          ? t('leaveLabel', { name: studio.name })
                          : t('removeLabel', { name: member.name })
                      }
                      onClick={() => setConfirming(rowKey)}
                    >
                      {self ? t('leave') : t('remove')}
                    </Button>
                  )
                ) : null}
              </li>
            );
          })}
        </ul>
      </Card>

      {canManage ? (
        <InviteForm studio={studio} roles={assignable} seats={seats} isOwner={me.role === 'owner'} />
      ) : null}

      <Card className="p-5 sm:p-6" role="region" aria-labelledby="team-invitations">
        <h2 id="team-invitations" className="text-xl font-semibold">
          {t('invitations')}
        </h2>
        {invitations.length === 0 ? (
          <p className="mt-4 text-sm text-muted-foreground">{t('noInvitations')}</p>
        ) : (
          <ul className="mt-4 divide-y" data-testid="team-invitations">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-col gap-2 py-4 sm:flex-row sm:items-center">
                <div className="min-w-0 flex-1">
                  <p className="break-all font-medium">{invitation.email}</p>
                  <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                    <span>{t(`roles.${invitation.role}`)}</span>
                    <span aria-hidden="true">·</span>
                    {invitation.expired ? (
                      <Badge variant="outline">{t('expired')}</Badge>
                    ) : (
                      <span>
                        {t('expires', { date: formatDate(invitation.expiresAt, locale, studio.timezone) })}
                      </span>
                    )}
                  </p>
                </div>
                {canManage ? (
                  <Button
                    type="button"
                    variant="outline"
                    disabled={busy !== null}
                    aria-label={t('revokeLabel', { email: invitation.email })}
                    onClick={() =>
                      void run(
                        `invitation-${invitation.id}`,
                        () =>
                          unwrap(
                            browserApi.DELETE('/api/v1/studios/{studio}/invitations/{invitationId}', {
                              params: { path: { ...path, invitationId: invitation.id } },
                            }),
                          ),
                        t('revoked', { email: invitation.email }),
                      )
                    }
                  >
                    {busy === `invitation-${invitation.id}` ? t('saving') : t('revoke')}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

/**
 * Invite someone, while the plan has a seat free. With every seat taken the API refuses any invitation,
 * so the form gives way to the seat count and what to do: owners get the link to change the plan; admins,
 * who cannot, are told an owner can. The card stays mounted, so "Invitation sent" survives the refresh
 * that shows the last seat taken.
 */
function InviteForm({
  studio,
  roles,
  seats,
  isOwner,
}: {
  studio: { slug: string; name: string };
  roles: Role[];
  seats: Seats;
  isOwner: boolean;
}) {
  const t = useTranslations('Team');
  const tForms = useTranslations('Forms');
  const word = useTeamRuleWords();
  const router = useRouter();
  const [sent, setSent] = useState<string | null>(null);
  const form = useForm<{ email: string; role: string }>({
    unexpected: tForms('unexpected'),
    validate: (values) => ({
      email: EMAIL_PATTERN.test(values.email.trim()) ? undefined : t('errors.email'),
    }),
    async submit(values, element) {
      setSent(null);
      const email = values.email.trim();
      await unwrap(
        browserApi.POST('/api/v1/studios/{studio}/invitations', {
          params: { path: { studio: studio.slug } },
          body: { email, role: values.role as Role },
        }),
      );
      element.reset();
      setSent(email);
      router.refresh();
    },
    onApiError: (error) => {
      if (error.unreachable) return { form: tForms('unreachable') };
      const field = error.fields[0]?.field.replace(/^body\./, '');
      // The form's own words for an address or role the schema refused.
      if (error.status === 400 && field === 'email') return { fields: { email: t('errors.email') } };
      if (error.status === 400 && field === 'role') return { fields: { role: t('errors.roleTooHigh') } };
      // A team rule by name: on the field it is about (already invited or in the team, a role above
      // the inviter's), else above the form (every seat taken).
      const rule = error.fields.find((each) => each.reason);
      if (rule) {
        const about = rule.field.replace(/^body\./, '');
        return about === 'email' || about === 'role'
          ? { fields: { [about]: word(rule) } }
          : { form: word(rule) };
      }
      if (error.status === 403) return { fields: { role: t('errors.roleTooHigh') } };
      if (error.status === 503) return { form: t('errors.mailFailed') };
      return { form: tForms('unexpected') };
    },
  });
  return (
    <Card className="p-5 sm:p-6" role="region" aria-labelledby="team-invite">
      <h2 id="team-invite" className="text-xl font-semibold">
        {t('invite')}
      </h2>
      {/* Every seat taken (or more, after a move to a smaller plan): the API would refuse the invitation. */}
      {seats.taken >= seats.allowed ? (
        <div className="mt-4 space-y-3" data-testid="team-seats-full">
          {sent ? <FormMessage tone="success">{t('sent', { email: sent })}</FormMessage> : null}
          <p className="text-sm">{t('seatsFull', { allowed: seats.allowed })}</p>
          {isOwner ? (
            <p className="text-sm">
              {t('seatsFullOwner')}{' '}
              <Link
                href={`/${studio.slug}/admin/billing`}
                className="font-medium text-brand-ink underline underline-offset-4"
              >
                {t('billingLink')}
              </Link>
            </p>
          ) : (
            <p className="text-sm">{t('seatsFullOther')}</p>
          )}
        </div>
      ) : (
        <>
          <p className="mt-1 text-sm text-muted-foreground">{t('inviteLead', { name: studio.name })}</p>
          <p className="mt-1 text-sm text-muted-foreground" data-testid="team-seats">
            {t('seatsUsed', { taken: seats.taken, allowed: seats.allowed })}
          </p>
          <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="mt-4 space-y-4">
            {form.formError ? <FormMessage tone="error">{form.formError}</FormMessage> : null}
            {sent ? <FormMessage tone="success">{t('sent', { email: sent })}</FormMessage> : null}
            <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
              <div className="space-y-2">
                <Label htmlFor="invite-email">{t('inviteEmail')}</Label>
                <Input
                  id="invite-email"
                  name="email"
                  type="email"
                  autoComplete="off"
                  inputMode="email"
                  required
                  aria-invalid={form.fieldErrors.email ? true : undefined}
                  aria-describedby={form.fieldErrors.email ? 'invite-email-error' : undefined}
                  className={form.fieldErrors.email ? 'border-destructive' : undefined}
                />
                {form.fieldErrors.email ? (
                  <p id="invite-email-error" className="text-sm font-medium text-destructive">
                    {form.fieldErrors.email}
                  </p>
                ) : null}
              </div>
              <div className="space-y-2">
                <Label htmlFor="invite-role">{t('inviteRole')}</Label>
                <NativeSelect
                  id="invite-role"
                  name="role"
                  defaultValue={roles.includes('staff') ? 'staff' : roles[roles.length - 1]}
                  aria-invalid={form.fieldErrors.role ? true : undefined}
                  aria-describedby={form.fieldErrors.role ? 'invite-role-error' : undefined}
                >
                  {roles.map((role) => (
                    <option key={role} value={role}>
                      {t(`roles.${role}`)}
                    </option>
                  ))}
                </NativeSelect>
                {form.fieldErrors.role ? (
                  <p id="invite-role-error" className="text-sm font-medium text-destructive">
                    {form.fieldErrors.role}
                  </p>
                ) : null}
              </div>
            </div>
            <Button type="submit" disabled={form.pending}>
              {form.pending ? t('sending') : t('send')}
            </Button>
          </form>
        </>
      )}
    </Card>
  );
}

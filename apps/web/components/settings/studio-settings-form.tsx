'use client';

import { isAtelierApiError, type Studio, unwrap } from '@atelier/sdk';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { BrandEditor } from '@/components/admin/brand-preview';
import { Field, FormMessage } from '@/components/forms/field';
import { type PlanOption, PlanOptions } from '@/components/studios/plan-options';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { browserApi } from '@/lib/browser-api';

type Errors = Record<string, string | undefined>;

function Section({
  id,
  title,
  lead,
  children,
}: {
  id: string;
  title: string;
  lead?: string;
  children: ReactNode;
}) {
  return (
    <Card className="p-5 sm:p-6" role="region" aria-labelledby={id}>
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {lead ? <p className="mt-1 text-sm text-muted-foreground">{lead}</p> : null}
      <div className="mt-5 space-y-4">{children}</div>
    </Card>
  );
}

/** The studio's settings as one form: details, branding (live preview), plan (owners), security policy. */
export function StudioSettingsForm({
  studio,
  plans,
  canEdit,
  isOwner,
}: {
  studio: Studio;
  plans: PlanOption[];
  canEdit: boolean;
  isOwner: boolean;
}) {
  const t = useTranslations('StudioSettings');
  const tForms = useTranslations('Forms');
  const locale = useLocale();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [zones, setZones] = useState<string[]>([studio.timezone]);

  useEffect(() => {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    setZones([...new Set(['UTC', studio.timezone, ...all])].sort());
  }, [studio.timezone]);

  useEffect(() => {
    if (attempt === 0) return;
    (
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      formRef.current?.querySelector<HTMLElement>('[data-form-message="error"]')
    )?.focus();
  }, [attempt]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || !canEdit) return;
    const v = Object.fromEntries(
      [...new FormData(event.currentTarget).entries()].map(([k, x]) => [k, String(x)]),
    );
    const found: Errors = {};
    if (!v.name?.trim()) found.name = t('errors.name');
    const logo = [...(v.logoText ?? '').trim()];
    if (logo.length < 1 || logo.length > 3) found.logoText = t('errors.logoText');
    if (v.contactEmail?.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.contactEmail.trim()))
      found.contactEmail = t('errors.contactEmail');
    if (v.contactPhone?.trim() && !/^\+?[0-9][0-9 ()-]{5,23}$/.test(v.contactPhone.trim()))
      found.contactPhone = t('errors.contactPhone');
    setSaved(false);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setFormError(null);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      await unwrap(
        browserApi.PATCH('/api/v1/studios/{studio}', {
          params: { path: { studio: studio.slug } },
          body: {
            name: (v.name ?? '').trim(),
            tagline: (v.tagline ?? '').trim(),
            timezone: v.timezone ?? studio.timezone,
            locale: v.locale === 'th' ? 'th' : 'en',
            contactEmail: v.contactEmail?.trim() || null,
            contactPhone: v.contactPhone?.trim() || null,
            brand: {
              primaryColor: v.primaryColor ?? studio.brand.primaryColor,
              accentColor: v.accentColor ?? studio.brand.accentColor,
              logoText: logo.join(''),
            },
            requireStaffTwoFactor: v.requireStaffTwoFactor === 'on',
          },
        }),
      );
      setSaved(true);
      router.refresh();
    } catch (error) {
      const mapped: Errors = {};
      let message: string | null = tForms('unexpected');
      if (isAtelierApiError(error)) {
        if (error.unreachable) message = tForms('unreachable');
        else if (error.status === 403) message = t('errors.forbidden');
        for (const { field } of error.fields) {
          const key = field.replace(/^body\./, '').replace(/^brand\./, '');
          const text = t.has(`errors.${key}`) ? t(`errors.${key}` as 'errors.name') : undefined;
          if (text && !mapped[key]) mapped[key] = text;
        }
        if (Object.keys(mapped).length > 0 && !mapped.teamSeats) message = null;
        if (mapped.teamSeats) {
          message = mapped.teamSeats;
          delete mapped.teamSeats;
        }
      }
      setErrors(mapped);
      setFormError(message);
      setAttempt((n) => n + 1);
    } finally {
      setPending(false);
    }
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6">
      {canEdit ? null : <FormMessage tone="info">{t('readOnly')}</FormMessage>}
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
      <fieldset disabled={!canEdit} className="space-y-6">
        <Section id="details" title={t('details')} lead={t('detailsLead')}>
          <Field
            name="name"
            label={t('name')}
            defaultValue={studio.name}
            maxLength={120}
            required
            error={errors.name}
          />
          <Field
            name="tagline"
            label={t('tagline')}
            defaultValue={studio.tagline}
            maxLength={200}
            error={errors.tagline}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-2">
              <Label htmlFor="timezone">{t('timezone')}</Label>
              <NativeSelect id="timezone" name="timezone" defaultValue={studio.timezone} key={zones.length}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll('_', ' ')}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="space-y-2">
              <Label htmlFor="locale">{t('locale')}</Label>
              <NativeSelect id="locale" name="locale" defaultValue={studio.locale}>
                <option value="en">English</option>
                <option value="th">ไทย</option>
              </NativeSelect>
            </div>
            <Field
              name="contactEmail"
              type="email"
              label={t('contactEmail')}
              defaultValue={studio.contactEmail ?? ''}
              maxLength={254}
              error={errors.contactEmail}
            />
            <Field
              name="contactPhone"
              type="tel"
              label={t('contactPhone')}
              defaultValue={studio.contactPhone ?? ''}
              error={errors.contactPhone}
            />
          </div>
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-muted-foreground">{t('slug')}</dt>
              <dd className="font-mono">{studio.slug}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">{t('currency')}</dt>
              <dd className="font-medium">{studio.currency}</dd>
            </div>
          </dl>
          <p className="text-sm text-muted-foreground">{t('fixed')}</p>
        </Section>
        <Section id="branding" title={t('branding')} lead={t('brandingLead')}>
          <BrandEditor
            brand={studio.brand}
            studioName={studio.name}
            logoError={errors.logoText}
            labels={{
              primary: t('primary'),
              accent: t('accent'),
              logoText: t('logoText'),
              preview: t('preview'),
              previewHeading: t('previewHeading'),
              previewButton: t('previewButton'),
              previewLink: t('previewLink'),
            }}
          />
        </Section>
        <Section id="plan" title={t('plan')} lead={t('planLead', { name: studio.name })}>
          {plans.length > 0 ? (
            <>
              {/* Read-only here: a plan is charged for, so it changes under Plan and billing. */}
              <PlanOptions
                plans={plans}
                defaultValue={studio.plan}
                disabled
                legend={t('planCurrent')}
                locale={locale}
              />
              {isOwner ? (
                <p className="mt-3 text-sm">
                  <a
                    className="font-medium underline underline-offset-4"
                    href={`/${studio.slug}/admin/billing`}
                  >
                    {t('planChangeLink')}
                  </a>
                </p>
              ) : (
                <p className="mt-3 text-sm text-muted-foreground">{t('planOwnerOnly')}</p>
              )}
            </>
          ) : (
            <p className="text-sm">{studio.plan}</p>
          )}
        </Section>
        <Section id="security-policy" title={t('security')} lead={t('securityLead', { name: studio.name })}>
          <div className="flex items-start gap-3">
            <input
              id="requireStaffTwoFactor"
              name="requireStaffTwoFactor"
              type="checkbox"
              defaultChecked={studio.requireStaffTwoFactor}
              className="mt-0.5 size-5 accent-[var(--brand)]"
              aria-describedby="requireStaffTwoFactor-hint"
            />
            <div>
              <Label htmlFor="requireStaffTwoFactor">{t('require2fa')}</Label>
              <p id="requireStaffTwoFactor-hint" className="text-sm text-muted-foreground">
                {t('require2faHint')}
              </p>
            </div>
          </div>
        </Section>
      </fieldset>
      {canEdit ? (
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <Button type="submit" disabled={pending}>
            {pending ? t('saving') : t('save')}
          </Button>
          <div aria-live="polite" className="min-w-0 flex-1">
            {saved ? <FormMessage tone="success">{t('saved')}</FormMessage> : null}
          </div>
        </div>
      ) : null}
    </form>
  );
}

'use client';

import { isAtelierApiError, unwrap } from '@atelier/sdk';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { BrandEditor } from '@/components/admin/brand-preview';
import { Field, FormMessage } from '@/components/forms/field';
import { type PlanOption, PlanOptions } from '@/components/studios/plan-options';
import { defaultTimeZone, FALLBACK_TIME_ZONE, offeredTimeZones } from '@/components/studios/time-zones';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { browserApi } from '@/lib/browser-api';

export const CURRENCIES = [
  'USD',
  'THB',
  'EUR',
  'GBP',
  'JPY',
  'SGD',
  'AUD',
  'CAD',
  'NZD',
  'HKD',
  'CHF',
  'MYR',
] as const;
type Currency = (typeof CURRENCIES)[number];
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const HEX = /^#[0-9a-fA-F]{6}$/;
// Paths of the platform itself; the API refuses them too, this just says so before the round trip.
const RESERVED = new Set([
  'account',
  'sign-in',
  'sign-up',
  'verify-email',
  'forgot-password',
  'reset-password',
  'two-factor',
  'studios',
  'invitations',
  'api',
]);

const STEPS = ['details', 'look', 'plan'] as const;
type Step = (typeof STEPS)[number];
// Which step holds each field, so an API error can bring its field back into view.
const FIELD_STEP: Record<string, Step> = {
  name: 'details',
  slug: 'details',
  tagline: 'details',
  locale: 'details',
  currency: 'details',
  timezone: 'details',
  primaryColor: 'look',
  accentColor: 'look',
  logoText: 'look',
  plan: 'plan',
};

/** "Électric Muse Studio" -> "electric-muse-studio"; empty when nothing Latin is left (e.g. Thai). */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

function initials(name: string): string {
  const letters = name
    .trim()
    .split(/\s+/)
    .map((word) => [...word][0] ?? '')
    .join('')
    .toUpperCase();
  return [...letters].slice(0, 2).join('') || 'A';
}

type Errors = Record<string, string | undefined>;

export function NewStudioWizard({ plans, origin }: { plans: PlanOption[]; origin: string }) {
  const t = useTranslations('NewStudio');
  const tForms = useTranslations('Forms');
  const locale = useLocale();
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState<Step>('details');
  const [visited, setVisited] = useState<Set<Step>>(new Set(['details']));
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [timezone, setTimezone] = useState(FALLBACK_TIME_ZONE);
  const [zones, setZones] = useState<string[]>([FALLBACK_TIME_ZONE]);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [focusTarget, setFocusTarget] = useState<{ kind: 'heading' | 'error'; n: number } | null>(null);
  const index = STEPS.indexOf(step);

  // The browser's own time zone by default; the list comes from the browser too. Both after hydration:
  // the server renders UTC alone, so the first client render matches it.
  useEffect(() => {
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const offered = offeredTimeZones(all);
    setZones(offered);
    setTimezone(defaultTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone, offered));
  }, []);

  // Focus follows the flow: a new step's heading, or the first field with an error.
  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget.kind === 'heading') headingRef.current?.focus();
    else
      (
        formRef.current?.querySelector<HTMLElement>('fieldset:not([hidden]) [aria-invalid="true"]') ??
        formRef.current?.querySelector<HTMLElement>('[data-form-message="error"]')
      )?.focus();
  }, [focusTarget]);

  const values = () =>
    Object.fromEntries(
      [...new FormData(formRef.current ?? undefined).entries()].map(([key, value]) => [key, String(value)]),
    );

  const validate = (current: Step): Errors => {
    const v = values();
    const found: Errors = {};
    if (current === 'details') {
      if (!v.name?.trim()) found.name = t('nameRequired');
      if (!SLUG.test(v.slug ?? '') || (v.slug ?? '').length < 2) found.slug = t('slugInvalid');
      else if (RESERVED.has(v.slug ?? '')) found.slug = t('slugReserved');
    }
    if (current === 'look') {
      const logo = (v.logoText ?? '').trim();
      if ([...logo].length < 1 || [...logo].length > 3) found.logoText = t('logoInvalid');
      if (!HEX.test(v.primaryColor ?? '') || !HEX.test(v.accentColor ?? ''))
        found.primaryColor = t('colourInvalid');
    }
    return Object.fromEntries(Object.entries(found).filter(([, message]) => message));
  };

  const go = (to: Step) => {
    setStep(to);
    setVisited((seen) => new Set(seen).add(to));
    setFocusTarget((previous) => ({ kind: 'heading', n: (previous?.n ?? 0) + 1 }));
  };

  const fail = (found: Errors, message: string | null = null) => {
    setErrors(found);
    setFormError(message);
    const first = Object.keys(found)[0];
    if (first && FIELD_STEP[first] && FIELD_STEP[first] !== step) {
      setStep(FIELD_STEP[first]);
      setVisited((seen) => new Set(seen).add(FIELD_STEP[first] as Step));
    }
    setFocusTarget((previous) => ({ kind: 'error', n: (previous?.n ?? 0) + 1 }));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const found = validate(step);
    if (Object.keys(found).length > 0) return fail(found);
    setErrors({});
    setFormError(null);
    if (index < STEPS.length - 1) return go(STEPS[index + 1] as Step);

    const v = values();
    setPending(true);
    try {
      const created = await unwrap(
        browserApi.POST('/api/v1/studios', {
          body: {
            name: (v.name ?? '').trim(),
            slug: v.slug ?? '',
            ...(v.tagline?.trim() ? { tagline: v.tagline.trim() } : {}),
            currency: (v.currency ?? 'USD') as Currency,
            timezone: v.timezone ?? FALLBACK_TIME_ZONE,
            locale: v.locale === 'th' ? 'th' : 'en',
            brand: {
              primaryColor: v.primaryColor ?? '#4f46e5',
              accentColor: v.accentColor ?? '#0d9488',
              logoText: (v.logoText ?? '').trim() || initials(v.name ?? ''),
            },
            ...(v.plan ? { plan: v.plan as PlanOption['id'] } : {}),
          },
        }),
      );
      // Studios open on starter; a paid plan is subscribed to on the billing page, preselected there.
      const requested = created.next?.billing.requestedPlan;
      window.location.assign(
        requested
          ? `/${created.slug}/admin/billing?plan=${encodeURIComponent(requested)}&created=1`
          : `/${created.slug}/admin?created=1`,
      );
    } catch (error) {
      setPending(false);
      if (!isAtelierApiError(error)) return fail({}, tForms('unexpected'));
      if (error.unreachable) return fail({}, tForms('unreachable'));
      if (error.status === 409) return fail({ slug: t('taken') });
      if (error.status === 403) return fail({}, t('verifyFirst'));
      const mapped: Errors = {};
      for (const { field } of error.fields) {
        const key = field.replace(/^body\./, '').replace(/^brand\./, '');
        const message =
          key === 'slug'
            ? t('slugInvalid')
            : key === 'name'
              ? t('nameRequired')
              : key === 'timezone'
                ? t('timezoneInvalid')
                : key === 'logoText'
                  ? t('logoInvalid')
                  : key === 'primaryColor' || key === 'accentColor'
                    ? t('colourInvalid')
                    : key === 'tagline'
                      ? t('taglineInvalid')
                      : undefined;
        if (message && !mapped[key]) mapped[key] = message;
      }
      if (Object.keys(mapped).length > 0) return fail(mapped);
      fail({}, error.status === 429 ? tForms('unexpected') : tForms('unexpected'));
    }
  };

  const stepTitle = t(`step${step[0]?.toUpperCase()}${step.slice(1)}` as 'stepDetails');
  const slugShown = slugEdited ? slug : suggestSlug(name);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6" aria-labelledby="wizard-step">
      <nav aria-label={t('steps')}>
        <ol className="flex flex-wrap gap-2 text-sm">
          {STEPS.map((entry, i) => (
            <li
              key={entry}
              aria-current={entry === step ? 'step' : undefined}
              className={
                entry === step
                  ? 'rounded-full bg-brand px-3 py-1 font-medium text-brand-foreground'
                  : 'rounded-full border px-3 py-1 text-muted-foreground'
              }
            >
              {i + 1}. {t(`step${entry[0]?.toUpperCase()}${entry.slice(1)}` as 'stepDetails')}
            </li>
          ))}
        </ol>
      </nav>
      <div className="space-y-1">
        <p className="text-sm text-muted-foreground">
          {t('step', { current: index + 1, total: STEPS.length })}
        </p>
        <h2 id="wizard-step" ref={headingRef} tabIndex={-1} className="text-xl font-semibold outline-none">
          {stepTitle}
        </h2>
      </div>
      {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}

      <fieldset hidden={step !== 'details'} className="space-y-4">
        <legend className="sr-only">{t('stepDetails')}</legend>
        <Field
          name="name"
          label={t('name')}
          required
          maxLength={120}
          autoComplete="organization"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
        />
        <Field
          name="slug"
          label={t('slug')}
          required
          maxLength={64}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={slugShown}
          onChange={(event) => {
            setSlugEdited(true);
            setSlug(event.target.value.toLowerCase());
          }}
          hint={t('slugHint', { origin, slug: slugShown || t('slugPlaceholder') })}
          error={errors.slug}
        />
        <Field
          name="tagline"
          label={t('tagline')}
          maxLength={200}
          error={errors.tagline}
          hint={t('optional')}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="space-y-2">
            <Label htmlFor="locale">{t('locale')}</Label>
            <NativeSelect id="locale" name="locale" defaultValue={locale === 'th' ? 'th' : 'en'}>
              <option value="en">English</option>
              <option value="th">ไทย</option>
            </NativeSelect>
          </div>
          <div className="space-y-2">
            <Label htmlFor="currency">{t('currency')}</Label>
            <NativeSelect id="currency" name="currency" defaultValue={locale === 'th' ? 'THB' : 'USD'}>
              {CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="space-y-2">
            <Label htmlFor="timezone">{t('timezone')}</Label>
            <NativeSelect
              id="timezone"
              name="timezone"
              value={timezone}
              onChange={(event) => setTimezone(event.target.value)}
              aria-invalid={errors.timezone ? true : undefined}
              aria-describedby={errors.timezone ? 'timezone-error' : undefined}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </NativeSelect>
            {errors.timezone ? (
              <p id="timezone-error" className="text-sm font-medium text-destructive">
                {errors.timezone}
              </p>
            ) : null}
          </div>
        </div>
        <p className="text-sm text-muted-foreground">{t('fixedLater')}</p>
      </fieldset>

      <fieldset hidden={step !== 'look'} className="space-y-4">
        <legend className="sr-only">{t('stepLook')}</legend>
        {visited.has('look') ? (
          <BrandEditor
            brand={{
              primaryColor: '#4f46e5',
              accentColor: '#0d9488',
              logoText: initials(name),
              logoUrl: null,
            }}
            studioName={name || t('name')}
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
        ) : null}
        {errors.primaryColor ? <FormMessage tone="error">{errors.primaryColor}</FormMessage> : null}
      </fieldset>

      <fieldset hidden={step !== 'plan'} className="space-y-4">
        <legend className="sr-only">{t('stepPlan')}</legend>
        {plans.length > 0 ? (
          <>
            <PlanOptions plans={plans} defaultValue="starter" legend={t('plan')} locale={locale} />
            <p className="text-sm text-muted-foreground">{t('planBilling')}</p>
          </>
        ) : (
          <p className="text-sm text-muted-foreground">{t('noPlans')}</p>
        )}
      </fieldset>

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-between">
        {index > 0 ? (
          <Button
            type="button"
            variant="outline"
            onClick={() => go(STEPS[index - 1] as Step)}
            disabled={pending}
          >
            {t('back')}
          </Button>
        ) : (
          <span />
        )}
        <Button type="submit" disabled={pending}>
          {index < STEPS.length - 1 ? t('next') : pending ? t('pending') : t('create')}
        </Button>
      </div>
    </form>
  );
}

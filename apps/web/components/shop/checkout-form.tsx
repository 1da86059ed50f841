'use client';

import { type AtelierApiError, type FieldError, isAtelierApiError } from '@atelier/sdk';
import { ShoppingCart } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ReasonTranslator, reasonMessage } from '@/components/forms/api-reasons';
import { Field, FormMessage } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import {
  type Cart,
  type CheckoutBody,
  type CheckoutSummary,
  newIdempotencyKey,
  type PaymentMethod,
  type PlacedOrder,
  SANDBOX_CARDS,
  shopPaths,
  shopRequest,
  type Wallet,
} from '@/lib/shop';
import { type AddressDraft, AddressFields, EMPTY_ADDRESS, toAddress } from './address-fields';
import { announceCartChanged } from './cart-events';
import { type SummaryChange, summaryChanges } from './checkout-changes';
import { CheckLine, ChoiceCard, Section } from './checkout-parts';
import { freeShippingHint } from './free-shipping-hint';
import { taxAwaitsAddress } from './tax-address';
import { Totals } from './totals';
import { useMoney } from './use-money';

export interface CheckoutFormProps {
  studio: string;
  currency: string;
  locale: 'en' | 'th';
  /** The signed-in person (contact prefilled, wallet offered), or null for a guest. */
  person: { name: string; email: string } | null;
  defaultCountry: string;
  depositPercent?: number;
}

type PlanChoice = 'full' | 'deposit' | '2' | '3' | '4';

/** The server refused the order because the total moved: what the client saw, what it is now, why. */
interface TotalChanged {
  /** The request it applies to; any change of choices makes it stale (a new summary follows). */
  forKey: string;
  beforeMinor: number | null;
  afterMinor: number | null;
  changes: SummaryChange[];
}

// A preview needs an email and a name (the API validates the whole body); until the client typed
// theirs, these stand in so the summary can show prices from the first paint. Never used to order.
const PREVIEW_EMAIL = 'preview@example.invalid';
// The API's rule for an email (ajv-formats "email", full mode): a looser check here let addresses
// through that the server then refused with its raw schema message, and the preview failed meanwhile.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** The fields this form shows an API refusal next to (the address parts too); others it says below. */
const FIELDS_ON_FORM = new Set([
  'email',
  'name',
  'shippingMethodId',
  'promoCode',
  'walletAmountMinor',
  'paymentProvider',
  'manualMethod',
  'sandboxCard',
  'paymentPlan',
]);
const onForm = (field: string) => FIELDS_ON_FORM.has(field) || /^(shipping|billing)Address\./.test(field);

const methodKey = (method: PaymentMethod) =>
  method.manualMethod ? `${method.provider}:${method.manualMethod}` : method.provider;

/**
 * Contact, addresses, shipping method, promo code, wallet, payment method and plan, with the server's
 * summary (checkout/preview) refreshed as choices change. Placing the order sends the total the
 * client saw (`expectedTotalMinor`) and an Idempotency-Key kept for as long as the request is the same,
 * so a double click or a retry after a dropped connection places one order.
 *
 * "Place order" waits while the summary is updating (a total from before the address's tax arrived
 * would be refused). If the server still finds another total (a flash sale ended meanwhile), the
 * summary is refreshed, a notice says old -> new total and what moved, and the button asks to confirm.
 */
export function CheckoutForm({ studio, currency, locale, person, defaultCountry }: CheckoutFormProps) {
  const t = useTranslations('Checkout');
  const tReasons = useTranslations('ApiReasons') as unknown as ReasonTranslator;
  const pageLocale = useLocale();
  /** A refusal from the API in the reader's language when it names its rule (a used-up code, stock). */
  const worded = (error: FieldError) => reasonMessage(tReasons, error, pageLocale);
  const promoProblem = (error: AtelierApiError) => {
    const field = error.fields.find((f) => f.field.endsWith('promoCode'));
    return field ? worded(field) : error.detail;
  };
  // The summary's effect reads it through a ref: it changes with the language, which must not re-price.
  const promoProblemRef = useRef(promoProblem);
  promoProblemRef.current = promoProblem;
  const money = useMoney(currency);
  const router = useRouter();
  const api = shopPaths.api(studio);

  const [cart, setCart] = useState<Cart | null>(null);
  const [methods, setMethods] = useState<PaymentMethod[] | null>(null);
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);

  const [email, setEmail] = useState(person?.email ?? '');
  const [name, setName] = useState(person?.name ?? '');
  const [phone, setPhone] = useState('');
  const [shipping, setShipping] = useState<AddressDraft>({ ...EMPTY_ADDRESS, country: defaultCountry });
  const [billingSame, setBillingSame] = useState(true);
  const [billing, setBilling] = useState<AddressDraft>({ ...EMPTY_ADDRESS, country: defaultCountry });
  // An order that ships nothing, at a studio whose tax does not depend on where the client is, needs
  // no address: the client may still add one for the receipt.
  const [billingWanted, setBillingWanted] = useState(false);
  const [shippingMethodId, setShippingMethodId] = useState<string>('');
  const [promoInput, setPromoInput] = useState('');
  const [promoCode, setPromoCode] = useState<string | null>(null);
  const [promoError, setPromoError] = useState<string | null>(null);
  const [useWallet, setUseWallet] = useState(false);
  const [payment, setPayment] = useState<string>('');
  const [card, setCard] = useState<string>(SANDBOX_CARDS.succeeds);
  const [plan, setPlan] = useState<PlanChoice>('full');
  const [note, setNote] = useState('');

  const [summary, setSummary] = useState<CheckoutSummary | null>(null);
  // The request (previewKey) the summary was priced for, and the last one whose preview failed.
  const [summaryFor, setSummaryFor] = useState<string | null>(null);
  const [previewFailedFor, setPreviewFailedFor] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [placing, setPlacing] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [totalChanged, setTotalChanged] = useState<TotalChanged | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const keyRef = useRef<{ body: string; key: string } | null>(null);

  // Everything the page needs from the API, from the browser (the cart cookie is scoped to the API).
  useEffect(() => {
    let live = true;
    Promise.all([
      shopRequest<Cart>('GET', `${api}/cart`),
      shopRequest<{ items: PaymentMethod[] }>('GET', `${api}/payment-methods`),
      person ? shopRequest<Wallet>('GET', `${api}/wallet?limit=1`).catch(() => null) : Promise.resolve(null),
    ]).then(
      ([nextCart, nextMethods, nextWallet]) => {
        if (!live) return;
        setCart(nextCart);
        // Wallet is its own checkbox. Stripe takes the card on the order page (Payment Element).
        const offered = nextMethods.items.filter((m) => m.provider !== 'wallet');
        setMethods(offered);
        setWallet(nextWallet);
      },
      () => live && setLoadFailed(true),
    );
    return () => {
      live = false;
    };
  }, [api, person]);

  const chosen = methods?.find((method) => methodKey(method) === payment) ?? null;
  // A plan is charged to a card: the sandbox's test card typed here, or through Stripe the card the
  // first instalment is paid with on the order page (Stripe keeps it for the rest).
  const planOffered = (chosen?.provider === 'sandbox' || chosen?.provider === 'stripe') && !useWallet;
  const activePlan: PlanChoice = planOffered ? plan : 'full';
  const needsShipping = cart?.requiresShipping ?? false;
  // Until a summary says the studio taxes by address, nothing shipped means no address asked for.
  const taxByAddress = summary?.taxByAddress ?? false;
  const billingShown = needsShipping ? !billingSame : taxByAddress || billingWanted;
  const shippingAddress = needsShipping ? toAddress(shipping) : null;
  const billingAddress =
    needsShipping && billingSame ? shippingAddress : billingShown ? toAddress(billing) : null;
  const walletBalance = wallet?.balanceMinor ?? 0;

  /** The request both the preview and the order use; the preview fills in placeholders. */
  const body = useMemo((): CheckoutBody => {
    const result: CheckoutBody = {
      email: email.trim(),
      name: name.trim(),
      locale,
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(shippingAddress ? { shippingAddress } : {}),
      ...(billingAddress ? { billingAddress } : {}),
      ...(needsShipping && shippingMethodId ? { shippingMethodId } : {}),
      ...(promoCode ? { promoCode } : {}),
      ...(useWallet && walletBalance > 0 ? { walletAmountMinor: walletBalance } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    if (chosen) {
      result.paymentProvider = chosen.provider as NonNullable<CheckoutBody['paymentProvider']>;
      if (chosen.manualMethod) result.manualMethod = chosen.manualMethod;
      if (chosen.provider === 'sandbox') result.sandboxCard = card.replace(/\s+/g, '');
    }
    if (activePlan === 'deposit') result.paymentPlan = { kind: 'deposit' };
    else if (activePlan !== 'full') result.paymentPlan = { kind: 'instalments', count: Number(activePlan) };
    return result;
  }, [
    email,
    name,
    locale,
    phone,
    shippingAddress,
    billingAddress,
    needsShipping,
    shippingMethodId,
    promoCode,
    useWallet,
    walletBalance,
    note,
    chosen,
    card,
    activePlan,
  ]);

  const preview = useCallback(
    async (input: CheckoutBody) =>
      shopRequest<CheckoutSummary>('POST', `${api}/checkout/preview`, {
        ...input,
        email: EMAIL.test(input.email) ? input.email : PREVIEW_EMAIL,
        name: input.name || '-',
      }),
    [api],
  );

  // The summary follows every choice that changes money (debounced, last answer wins). The name,
  // phone, note and test card don't.
  const previewKey = JSON.stringify({
    ...body,
    name: undefined,
    note: undefined,
    phone: undefined,
    sandboxCard: undefined,
  });
  // The summary on screen is not (yet) the one for these choices. Computed while rendering, so the
  // button is disabled from the very render that changed a choice, before the debounced preview starts.
  // A preview that failed (an address the API refuses) leaves the button usable: placing the order then
  // shows the field errors.
  const updating = previewing || (summaryFor !== previewKey && previewFailedFor !== previewKey);
  const taxPending = useMemo(
    () => taxAwaitsAddress(summaryFor ? (JSON.parse(summaryFor) as CheckoutBody) : null, taxByAddress),
    [summaryFor, taxByAddress],
  );
  useEffect(() => {
    if (!cart || cart.lines.length === 0) return;
    let live = true;
    setPreviewing(true);
    const timer = setTimeout(() => {
      preview(JSON.parse(previewKey) as CheckoutBody).then(
        (next) => {
          if (!live) return;
          setSummary(next);
          setSummaryFor(previewKey);
          setPreviewing(false);
          if (!shippingMethodId && next.shippingOptions[0]) setShippingMethodId(next.shippingOptions[0].id);
        },
        (error: unknown) => {
          if (!live) return;
          setPreviewing(false);
          setPreviewFailedFor(previewKey);
          // A promo code the server refuses is dropped with its reason; the rest keeps the last summary.
          if (isAtelierApiError(error) && error.fields.some((f) => f.field.endsWith('promoCode'))) {
            setPromoCode(null);
            setPromoError(promoProblemRef.current(error));
          }
        },
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [previewKey, cart, preview, shippingMethodId]);

  useEffect(() => {
    if (attempt === 0) return;
    const form = formRef.current;
    (
      form?.querySelector<HTMLElement>('[data-testid="price-changes"]') ??
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[data-form-message="error"]')
    )?.focus();
  }, [attempt]);

  const applyPromo = async () => {
    const code = promoInput.trim();
    if (!code) return;
    setPromoError(null);
    try {
      const next = await preview({ ...body, promoCode: code });
      setPromoCode(code.toUpperCase());
      setSummary(next);
    } catch (error) {
      setPromoError(isAtelierApiError(error) ? promoProblem(error) : t('unexpected'));
    }
  };

  const validate = (): Record<string, string> => {
    const errors: Record<string, string> = {};
    if (!EMAIL.test(email.trim())) errors.email = t('errors.email');
    if (!name.trim()) errors.name = t('errors.name');
    const missing = (draft: AddressDraft, prefix: string) => {
      for (const part of ['name', 'line1', 'city', 'postalCode'] as const)
        if (!draft[part].trim()) errors[`${prefix}.${part}`] = t('errors.required');
      if (!/^[A-Za-z]{2}$/.test(draft.country.trim())) errors[`${prefix}.country`] = t('errors.country');
    };
    if (needsShipping) missing(shipping, 'shippingAddress');
    if (billingShown) missing(billing, 'billingAddress');
    if (needsShipping && !shippingMethodId) errors.shippingMethodId = t('errors.shippingMethod');
    if ((summary?.dueNowMinor ?? 1) > 0 && !chosen) errors.paymentProvider = t('errors.payment');
    return errors;
  };

  const ownFieldMessage = (field: string): string | undefined => {
    if (field === 'email') return t('errors.email');
    if (field === 'name') return t('errors.name');
    if (/^(shipping|billing)Address\.country$/.test(field)) return t('errors.country');
    if (/^(shipping|billing)Address\.(name|line1|city|postalCode)$/.test(field)) return t('errors.required');
    return undefined;
  };

  /** The message for the form, or null when the notice of a changed total says it all. */
  const onApiError = async (error: AtelierApiError): Promise<string | null> => {
    if (
      error.status === 409 &&
      (error.detail.includes('prices_changed') || hasField(error, 'expectedTotalMinor'))
    ) {
      // The total moved since the summary the client saw (a flash sale ended, or the tax of a new
      // address): price it again and say what changed; the button then asks to confirm the new total.
      const before = summary;
      const after = await preview(JSON.parse(previewKey) as CheckoutBody).catch(() => null);
      if (after) {
        setSummary(after);
        setSummaryFor(previewKey);
      }
      setTotalChanged({
        forKey: previewKey,
        beforeMinor: before?.totalMinor ?? null,
        afterMinor: after?.totalMinor ?? null,
        changes: before && after ? summaryChanges(before, after) : [],
      });
      return null;
    }
    const mapped: Record<string, string> = {};
    for (const fieldError of error.fields) {
      const name = fieldError.field.replace(/^body\./, '');
      const message = worded(fieldError);
      if (name === 'promoCode') setPromoError(message);
      // A field this form checks itself gets its own words, not the schema's ("must match format").
      mapped[name] =
        error.status === 422 && name === 'sandboxCard'
          ? t('errors.cardDeclined')
          : error.status === 400
            ? (ownFieldMessage(name) ?? message)
            : message;
    }
    setFieldErrors(mapped);
    if (error.status === 422 && mapped.sandboxCard) return t('cardDeclined');
    // The fields say what is wrong; the form's line points at them instead of repeating the schema.
    if (error.status === 400 && Object.keys(mapped).some(onForm)) return t('errors.checkFields');
    // A rule broken on one field (a line's stock, a used-up code, a wallet too small, an empty cart):
    // its words, in the reader's language.
    const [only] = error.fields;
    if (error.fields.length === 1 && only?.reason) return worded(only);
    return error.detail || t('unexpected');
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (placing || updating) return;
    setFormError(null);
    setTotalChanged(null);
    const errors = validate();
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    const request: CheckoutBody = { ...body, ...(summary ? { expectedTotalMinor: summary.totalMinor } : {}) };
    const serialised = JSON.stringify(request);
    if (keyRef.current?.body !== serialised) keyRef.current = { body: serialised, key: newIdempotencyKey() };
    setPlacing(true);
    try {
      const placed = await shopRequest<PlacedOrder>('POST', `${api}/checkout`, request, {
        'idempotency-key': keyRef.current.key,
      });
      announceCartChanged(0);
      router.push(shopPaths.order(studio, placed.order.id, person ? null : placed.accessToken));
    } catch (error) {
      setFormError(isAtelierApiError(error) ? await onApiError(error) : t('unexpected'));
      setPlacing(false);
      setAttempt((n) => n + 1);
    }
  };

  if (loadFailed) return <FormMessage tone="error">{t('checkoutLoadFailed')}</FormMessage>;
  if (!cart || !methods)
    return (
      <div className="space-y-3" aria-busy="true">
        <span className="sr-only">{t('loading')}</span>
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  if (cart.lines.length === 0)
    return (
      <EmptyState
        icon={<ShoppingCart />}
        title={t('cartEmptyTitle')}
        description={t('cartEmptyDescription')}
        action={
          <Button asChild>
            <Link href={`/${studio}`}>{t('continueShopping')}</Link>
          </Button>
        }
      />
    );

  // The notice applies to the choices it was given for; once they change, the summary speaks for itself.
  const notice = totalChanged?.forKey === previewKey ? totalChanged : null;
  const planAmount = (count: number) =>
    summary ? money(summary.totalMinor - Math.floor(summary.totalMinor / count) * (count - 1)) : '';
  const dueNowLabel =
    activePlan === 'deposit'
      ? t('dueNowDeposit')
      : activePlan !== 'full'
        ? t('dueNowInstalment')
        : t('dueNow');

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-8">
        <Section title={t('contactHeading')}>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              name="email"
              type="email"
              label={t('email')}
              autoComplete="email"
              required
              value={email}
              error={fieldErrors.email}
              onChange={(e) => setEmail(e.target.value)}
              hint={person ? undefined : t('emailHint')}
            />
            <Field
              name="name"
              label={t('name')}
              autoComplete="name"
              required
              value={name}
              error={fieldErrors.name}
              onChange={(e) => setName(e.target.value)}
            />
            <Field
              name="phone"
              type="tel"
              label={t('optionalField', { label: t('phone') })}
              autoComplete="tel"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
          </div>
          {person ? null : (
            <p className="mt-3 text-sm text-muted-foreground">
              {t('guestNote')}{' '}
              <Link
                className="font-medium underline"
                href={`/sign-in?next=${encodeURIComponent(shopPaths.checkout(studio))}`}
              >
                {t('signIn')}
              </Link>
            </p>
          )}
        </Section>

        {needsShipping ? (
          <Section title={t('shippingHeading')}>
            <AddressFields prefix="shipping" value={shipping} onChange={setShipping} errors={fieldErrors} />
          </Section>
        ) : null}

        <Section title={t('billingHeading')}>
          {needsShipping ? (
            <CheckLine className="mb-4" checked={billingSame} onChange={setBillingSame}>
              {t('billingSame')}
            </CheckLine>
          ) : taxByAddress ? (
            <p className="mb-4 text-sm text-muted-foreground">{t('noShippingNeeded')}</p>
          ) : (
            <>
              <p className="mb-3 text-sm text-muted-foreground">{t('noAddressNeeded')}</p>
              <CheckLine className="mb-4" checked={billingWanted} onChange={setBillingWanted}>
                {t('billingOnReceipt')}
              </CheckLine>
            </>
          )}
          {billingShown ? (
            <AddressFields prefix="billing" value={billing} onChange={setBilling} errors={fieldErrors} />
          ) : null}
        </Section>

        {needsShipping ? (
          <Section title={t('shippingMethodHeading')} error={fieldErrors.shippingMethodId} as="fieldset">
            <div className="grid gap-2">
              {(summary?.shippingOptions ?? []).map((option) => {
                const hint = freeShippingHint(option, summary);
                return (
                  <ChoiceCard
                    key={option.id}
                    name="shippingMethodId"
                    value={option.id}
                    checked={shippingMethodId === option.id}
                    onChange={() => setShippingMethodId(option.id)}
                    title={option.name}
                    description={hint ? t(hint.message, { amount: money(hint.amountMinor) }) : undefined}
                    aside={option.priceMinor === 0 ? t('free') : money(option.priceMinor)}
                  />
                );
              })}
              {summary && summary.shippingOptions.length === 0 ? (
                <p className="text-sm text-destructive">{t('noShippingOptions')}</p>
              ) : null}
            </div>
          </Section>
        ) : null}

        <Section title={t('promoHeading')}>
          {promoCode ? (
            <div className="flex flex-wrap items-center gap-3 text-sm" role="status">
              <span data-testid="promo-applied">
                {t('promoApplied', {
                  code: promoCode,
                  amount: summary ? money(summary.discountMinor) : '',
                })}
              </span>
              <Button
                type="button"
                variant="outline"
                size="sm"
                onClick={() => {
                  setPromoCode(null);
                  setPromoInput('');
                }}
              >
                {t('promoRemove')}
              </Button>
            </div>
          ) : (
            <div className="flex flex-wrap items-end gap-2">
              <Field
                name="promoCode"
                label={t('promoLabel')}
                className="min-w-48 flex-1"
                autoComplete="off"
                value={promoInput}
                error={promoError ?? undefined}
                onChange={(e) => setPromoInput(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void applyPromo();
                  }
                }}
              />
              <Button
                type="button"
                variant="outline"
                onClick={applyPromo}
                className={promoError ? 'mb-7' : ''}
              >
                {t('promoApply')}
              </Button>
            </div>
          )}
        </Section>

        {person && wallet && walletBalance > 0 ? (
          <Section title={t('walletHeading')} error={fieldErrors.walletAmountMinor}>
            <CheckLine checked={useWallet} onChange={setUseWallet} name="useWallet">
              {t('useWallet', { balance: money(walletBalance) })}
            </CheckLine>
          </Section>
        ) : null}

        <Section
          title={t('paymentHeading')}
          as="fieldset"
          error={fieldErrors.paymentProvider ?? fieldErrors.manualMethod}
        >
          {summary && summary.dueNowMinor === 0 && useWallet ? (
            <p className="text-sm">{t('paidByWallet')}</p>
          ) : (
            <div className="grid gap-2">
              {methods.map((method) => (
                <ChoiceCard
                  key={methodKey(method)}
                  name="payment"
                  value={methodKey(method)}
                  checked={payment === methodKey(method)}
                  onChange={() => setPayment(methodKey(method))}
                  title={methodTitle(t, method)}
                  description={methodDescription(t, method)}
                  badge={method.sandbox ? t('sandboxBadge') : undefined}
                />
              ))}
            </div>
          )}
          {chosen?.provider === 'sandbox' && !(summary?.dueNowMinor === 0) ? (
            <div className="mt-4 rounded-lg border-2 border-dashed border-brand p-4">
              <p className="text-sm font-semibold uppercase tracking-wide text-brand-ink">
                {t('sandboxBadge')}
              </p>
              <p className="mb-3 text-sm text-muted-foreground">{t('sandboxExplain')}</p>
              <Field
                name="sandboxCard"
                label={t('cardNumber')}
                inputMode="numeric"
                autoComplete="off"
                value={card}
                error={fieldErrors.sandboxCard}
                onChange={(e) => setCard(e.target.value)}
                hint={t('testCards', {
                  ok: SANDBOX_CARDS.succeeds,
                  declined: SANDBOX_CARDS.declines,
                  action: SANDBOX_CARDS.requiresAction,
                })}
              />
            </div>
          ) : null}
        </Section>

        {planOffered ? (
          <Section title={t('planHeading')} as="fieldset" error={fieldErrors.paymentPlan}>
            <div className="grid gap-2 sm:grid-cols-2">
              <ChoiceCard
                name="plan"
                value="full"
                checked={plan === 'full'}
                onChange={() => setPlan('full')}
                title={t('planFull')}
              />
              <ChoiceCard
                name="plan"
                value="deposit"
                checked={plan === 'deposit'}
                onChange={() => setPlan('deposit')}
                title={t('planDeposit')}
                description={t('planDepositHint')}
              />
              {(['2', '3', '4'] as const).map((count) => (
                <ChoiceCard
                  key={count}
                  name="plan"
                  value={count}
                  checked={plan === count}
                  onChange={() => setPlan(count)}
                  title={t('planInstalments', { count: Number(count) })}
                  description={summary ? t('planFirst', { amount: planAmount(Number(count)) }) : undefined}
                />
              ))}
            </div>
          </Section>
        ) : null}

        <Section title={t('noteHeading')}>
          <label htmlFor="note" className="sr-only">
            {t('noteHeading')}
          </label>
          <textarea
            id="note"
            name="note"
            rows={3}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            className="w-full rounded-md border border-input bg-background px-3 py-2 text-base sm:text-sm"
          />
        </Section>
      </div>

      <aside
        aria-labelledby="summary-heading"
        className="h-fit space-y-4 rounded-xl border p-5 lg:sticky lg:top-4"
      >
        <h2 id="summary-heading" className="text-lg font-semibold">
          {t('summaryHeading')}
        </h2>
        {summary ? (
          <div aria-busy={previewing} data-testid="checkout-summary">
            <Totals
              data={{ ...summary, walletMinor: summary.walletMinor }}
              dueNowMinor={summary.dueNowMinor}
              dueNowLabel={dueNowLabel}
              taxAwaitsAddress={taxPending}
            />
          </div>
        ) : (
          <Skeleton className="h-40 w-full" />
        )}
        {notice ? (
          <div
            role="alert"
            tabIndex={-1}
            className="rounded-md border border-brand p-3 text-sm"
            data-testid="price-changes"
          >
            <p className="font-semibold">{t('totalChangedHeading')}</p>
            <p className="mt-1">
              {notice.afterMinor === null
                ? t('totalChangedUnpriced')
                : notice.beforeMinor === null || notice.beforeMinor === notice.afterMinor
                  ? t('pricesChangedSameTotal', { total: money(notice.afterMinor) })
                  : t('totalChanged', {
                      before: money(notice.beforeMinor),
                      after: money(notice.afterMinor),
                    })}
            </p>
            {notice.changes.length > 0 ? (
              <>
                <p className="mt-2 font-medium">{t('pricesChangedHeading')}</p>
                <ul className="mt-1 list-disc ps-5">
                  {notice.changes.map((change) => (
                    <li key={change.kind === 'line' ? change.variantId : change.figure}>
                      {t('priceChangedLine', {
                        name: change.kind === 'line' ? change.name : t(change.figure),
                        before: money(change.beforeMinor),
                        after: money(change.afterMinor),
                      })}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
        {formError ? <FormMessage tone="error">{formError}</FormMessage> : null}
        <Button
          type="submit"
          className="w-full"
          disabled={placing || !summary || updating}
          data-testid="place-order"
        >
          {placing
            ? t('placing')
            : !summary
              ? t('placeOrderPlain')
              : updating
                ? t('updatingTotal')
                : notice
                  ? t('confirmOrder', { amount: money(summary.dueNowMinor) })
                  : t('placeOrder', { amount: money(summary.dueNowMinor) })}
        </Button>
        <p className="text-xs text-muted-foreground">{t('termsNote')}</p>
      </aside>
    </form>
  );
}

function hasField(error: AtelierApiError, name: string) {
  return error.fields.some((f) => f.field.replace(/^body\./, '') === name);
}

type Translate = ReturnType<typeof useTranslations<'Checkout'>>;

function methodTitle(t: Translate, method: PaymentMethod) {
  if (method.provider === 'sandbox') return t('methods.sandbox');
  if (method.provider === 'promptpay') return t('methods.promptpay');
  if (method.provider === 'stripe') return t('methods.stripe');
  if (method.manualMethod) return t(`methods.${method.manualMethod}`);
  return method.label;
}

function methodDescription(t: Translate, method: PaymentMethod) {
  if (method.provider === 'sandbox') return t('methodHints.sandbox');
  if (method.provider === 'promptpay') return t('methodHints.promptpay');
  if (method.provider === 'stripe') return t('methodHints.stripe');
  if (method.manualMethod) return t(`methodHints.${method.manualMethod}`);
  return undefined;
}

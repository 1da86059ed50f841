import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import th from '../../messages/th.json';
import { type ReasonTranslator, reasonMessage } from './api-reasons';

const translator = (locale: 'en' | 'th') =>
  createTranslator({
    locale,
    messages: locale === 'en' ? en : th,
    namespace: 'ApiReasons',
  }) as unknown as ReasonTranslator;

/**
 * The rules the API names in checkout, catalog admin, order and payment actions, team and schema errors
 * (apps/api: orders.promos.ts, catalog.reasons.ts, payments.reasons.ts, orders.lifecycle.ts,
 * studios.team.ts, validation-messages.ts, ...).
 */
const API_REASONS = [
  'promo.not_found',
  'promo.not_started',
  'promo.expired',
  'promo.used_up',
  'promo.already_used',
  'promo.min_purchase',
  'promo.not_applicable',
  'promo.changed',
  'promo.code_taken',
  'promo.percent_needed',
  'promo.amount_needed',
  'promo.ends_before_start',
  'promo.targets_needed',
  'shipping.id_repeated',
  'shipping.bands_needed',
  'shipping.free_over_needed',
  'stock.out',
  'stock.out_named',
  'stock.only_left',
  'stock.only_left_named',
  'item.unavailable_named',
  'quantity.minimum_named',
  'payment.declined',
  'checkout.total_changed',
  'schema.required',
  'schema.enum',
  'schema.minLength',
  'slug.taken',
  'sku.taken',
  'sku.repeated',
  'sku.kept_by_retired',
  'sku.taken_meanwhile',
  'variants.too_many',
  'variants.below_zero',
  'variants.image_not_of_item',
  'sku_pattern.unknown_placeholder',
  'bulk.price_needed',
  'bulk.price_or_percent',
  'category.under_itself',
  'category.move_into_deleted',
  'sale.percent_or_price',
  'sale.ends_before_start',
  'sale.price_needs_one_variant',
  'sale.price_not_below',
  'sale.overlaps',
  'sale.ended',
  'image.empty',
  'image.not_what_it_says',
  'image.unsafe_svg',
  'refund.nothing_left',
  'refund.more_than_left',
  'refund.guest_no_wallet',
  'refund.wallet_not_payers',
  'refund.wallet_retired',
  'refund.charge_not_settled',
  'slip.not_taken',
  'slip.payment_closed',
  'slip.check_closed',
  'slip.empty',
  'slip.too_large',
  'slip.none_attached',
  'slip.reason_needed',
  'payment.confirmed_by_provider',
  'payment.cancelled',
  'payment.cannot_cancel',
  'payment.paid_meanwhile',
  'payment.nothing_to_confirm',
  'payment_settings.no_way_to_pay',
  'order.cannot_move',
  'order.nothing_to_ship',
  'order.changed_meanwhile',
  'order.no_longer_cancellable',
  'tracking.nothing_to_ship',
  'tracking.order_closed',
  'team.last_owner',
  'team.owners_only',
  'team.role_above_own',
  'team.seats_full',
  'team.already_member',
  'team.already_invited',
  'invitation.used',
  'invitation.revoked',
  'invitation.expired',
  'invitation.other_email',
  'email.unverified',
  'cart.empty',
  'cart.too_large',
  'shipping.method_unknown',
  'shipping.method_cannot_ship',
  'shipping.method_needed',
  'shipping.address_needed',
  'item.unavailable',
  'payment.method_needed',
  'payment.manual_method_needed',
  'payment.method_off',
  'payment.manual_method_off',
  'payment.promptpay_not_set_up',
  'payment.promptpay_thb_only',
  'payment.sandbox_off',
  'payment.not_sandbox',
  'plan.card_only',
  'plan.card_needed',
  'plan.no_wallet',
  'plan.other_customer',
  'plan.not_stripe',
  'plan.card_not_kept',
  'plan.card_not_on_customer',
  'sandbox.unknown_card',
  'wallet.balance_too_low',
  'wallet.sign_in_needed',
  'wallet.own_address_only',
  'wallet.email_unverified',
  'wallet.topups_off',
  'wallet.record_retired',
  'wallet.topup_out_of_range',
];

describe('API field errors in the reader’s language', () => {
  it('words every rule the API names, in English and Thai', () => {
    for (const locale of ['en', 'th'] as const) {
      const t = translator(locale);
      for (const reason of API_REASONS) expect(t.has(reason), `${locale}: ${reason}`).toBe(true);
    }
  });

  it('fills in the rule’s values, money formatted for the reader', () => {
    const minimum = {
      message: 'This code needs a purchase of at least ฿500.00',
      reason: 'promo.min_purchase',
      params: { amountMinor: 50_000, currency: 'THB' },
    };
    expect(reasonMessage(translator('en'), minimum, 'en')).toBe(
      'This code needs a purchase of at least ฿500.00.',
    );
    expect(reasonMessage(translator('th'), minimum, 'th')).toBe('โค้ดนี้ใช้ได้เมื่อซื้อขั้นต่ำ ฿500.00');
    expect(
      reasonMessage(
        translator('th'),
        { message: 'Only 2 left in stock', reason: 'stock.only_left', params: { left: 2 } },
        'th',
      ),
    ).toBe('เหลือเพียง 2 ชิ้น');
    // Naming the item when the API gave it (a cart of several lines).
    expect(
      reasonMessage(
        translator('en'),
        {
          message: 'Only 2 of Poster left',
          reason: 'stock.only_left',
          params: { left: 2, item: 'Poster' },
        },
        'en',
      ),
    ).toBe('Only 2 of Poster left.');
  });

  it('words the catalog admin’s refusals for the owner', () => {
    expect(
      reasonMessage(
        translator('th'),
        {
          message: 'An item with the slug "poster" exists',
          reason: 'slug.taken',
          params: { slug: 'poster' },
        },
        'th',
      ),
    ).toBe('มีรายการอื่นใช้ที่อยู่ “poster” แล้ว โปรดเลือกที่อยู่อื่น');
    expect(
      reasonMessage(
        translator('en'),
        {
          message: 'The sale price must be below the price (150000)',
          reason: 'sale.price_not_below',
          params: { amountMinor: 150_000, currency: 'THB' },
        },
        'en',
      ),
    ).toBe('The sale price must be below the price (฿1,500.00).');
    // The pattern's own placeholder syntax is shown as written, not taken for a value.
    expect(
      reasonMessage(
        translator('en'),
        {
          message: '{colour} is neither {slug} nor an option name',
          reason: 'sku_pattern.unknown_placeholder',
          params: { placeholder: '{colour}' },
        },
        'en',
      ),
    ).toBe('{colour} is not an option name. Use {slug} or the name of an option in braces.');
  });

  it('words the refusals of money, order and team actions, with the amount in the reader’s format', () => {
    const tooMuch = {
      message: 'At most ฿1,000.00 is left to refund',
      reason: 'refund.more_than_left',
      params: { amountMinor: 100_000, currency: 'THB' },
    };
    expect(reasonMessage(translator('th'), tooMuch, 'th')).toBe('คืนเงินได้สูงสุด ฿1,000.00');
    expect(
      reasonMessage(translator('en'), { ...tooMuch, params: { amountMinor: 3_000, currency: 'USD' } }, 'en'),
    ).toBe('At most $30.00 is left to refund.');
    expect(
      reasonMessage(
        translator('th'),
        {
          message: 'The starter plan has 2 team seats, all taken',
          reason: 'team.seats_full',
          params: { allowed: 2, plan: 'starter' },
        },
        'th',
      ),
    ).toMatch(/^ที่นั่งทีมงานทั้ง 2 ที่ของแพ็กเกจนี้เต็มแล้ว/);
    expect(
      reasonMessage(
        translator('en'),
        {
          message: 'A succeeded payment takes no slip',
          reason: 'slip.payment_closed',
          params: { status: 'succeeded' },
        },
        'en',
      ),
    ).toBe('This payment is no longer waiting for money, so it takes no slip.');
  });

  it('words the refusals of checkout, the payment step and the wallet: money, methods by name', () => {
    const short = {
      message: 'The wallet holds 20000 THB minor units; 50000 cannot be taken from it',
      reason: 'wallet.balance_too_low',
      params: { balanceMinor: 20_000, amountMinor: 50_000, currency: 'THB' },
    };
    expect(reasonMessage(translator('en'), short, 'en')).toBe(
      'The wallet holds only ฿200.00, so ฿500.00 cannot be taken from it.',
    );
    expect(reasonMessage(translator('th'), short, 'th')).toBe(
      'กระเป๋าเงินมียอดเพียง ฿200.00 จึงหักเงิน ฿500.00 ไม่ได้',
    );
    expect(
      reasonMessage(
        translator('th'),
        {
          message: 'must be between 10000 and 5000000',
          reason: 'wallet.topup_out_of_range',
          params: { minMinor: 10_000, maxMinor: 5_000_000, currency: 'THB' },
        },
        'th',
      ),
    ).toBe('เติมเงินได้ครั้งละ ฿100.00 ถึง ฿50,000.00');
    const cashOff = {
      message: 'The studio does not take cash payments',
      reason: 'payment.manual_method_off',
      params: { method: 'cash' },
    };
    expect(reasonMessage(translator('en'), cashOff, 'en')).toBe(
      'The studio does not take cash at the moment. Choose another way to pay.',
    );
    expect(reasonMessage(translator('th'), cashOff, 'th')).toBe('ขณะนี้สตูดิโอไม่รับเงินสด โปรดเลือกวิธีชำระเงินอื่น');
    expect(
      reasonMessage(
        translator('en'),
        {
          message: 'stripe payments are not available',
          reason: 'payment.method_off',
          params: { provider: 'stripe' },
        },
        'en',
      ),
    ).toBe('The studio does not take card payments at the moment. Choose another way to pay.');
    // A provider a newer API adds is still said, in general words.
    expect(
      reasonMessage(
        translator('th'),
        { message: 'x', reason: 'payment.method_off', params: { provider: 'crypto' } },
        'th',
      ),
    ).toBe('ขณะนี้สตูดิโอไม่รับวิธีชำระเงินนี้ โปรดเลือกวิธีชำระเงินอื่น');
    // An item priced in another currency than the studio sells in: named, as a cart line.
    expect(
      reasonMessage(
        translator('en'),
        { message: 'Priced in USD', reason: 'item.unavailable', params: { item: 'Poster' } },
        'en',
      ),
    ).toBe('Poster cannot be bought now.');
  });

  it('keeps the API’s own words for a rule it has none for, or no rule at all', () => {
    const t = translator('th');
    expect(reasonMessage(t, { message: 'Priced in USD', reason: 'currency.brand_new_rule' }, 'th')).toBe(
      'Priced in USD',
    );
    expect(reasonMessage(t, { message: 'No such variant' }, 'th')).toBe('No such variant');
    // Not a message key at all: never looked up.
    expect(reasonMessage(t, { message: 'As sent', reason: '../x' }, 'th')).toBe('As sent');
  });
});

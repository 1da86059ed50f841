/**
 * PromptPay "Thai QR Payment" payloads: the EMVCo merchant-presented QR format, as a Thai banking app
 * reads it. Each field is ID (2 digits) + length (2 digits) + value; the last field is a CRC over
 * everything before it, including its own "6304" header.
 *
 * Reference: EMV QRCPS Merchant-Presented Mode v1.1 and the Bank of Thailand's Thai QR Payment
 * standard (PromptPay AID A000000677010111, sub-tag 01 mobile number, 02 national id / tax id).
 */

const PROMPTPAY_AID = 'A000000677010111';
const THAI_BAHT_NUMERIC = '764';

/** One TLV field: id, two-digit length, value. */
function field(id: string, value: string): string {
  return `${id}${value.length.toString().padStart(2, '0')}${value}`;
}

/** CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR. */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

export type PromptPayTarget = { kind: 'phone'; value: string } | { kind: 'national_id'; value: string };

/** True when the 13 digits carry a valid Thai id check digit (national ids and tax ids alike). */
export function isValidThaiId(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (13 - i);
  return (11 - (sum % 11)) % 10 === Number(digits[12]);
}

/**
 * Reads what a studio typed as its PromptPay id: a Thai mobile number (0812345678, +66812345678,
 * dashes and spaces allowed) or a 13-digit national id / tax id. Null when it is neither.
 */
export function parsePromptPayId(input: string): PromptPayTarget | null {
  const digits = input.replace(/[\s-]/g, '');
  if (/^(?:\+?66|0)\d{9}$/.test(digits)) {
    const national = digits.replace(/^\+?66/, '').replace(/^0/, '');
    return { kind: 'phone', value: national };
  }
  if (isValidThaiId(digits)) return { kind: 'national_id', value: digits };
  return null;
}

/** Minor units (satang) to the decimal text the QR carries, e.g. 12345 -> "123.45". */
export function formatAmount(amountMinor: number): string {
  const baht = Math.floor(amountMinor / 100);
  const satang = (amountMinor % 100).toString().padStart(2, '0');
  return `${baht}.${satang}`;
}

/**
 * A dynamic (single-amount) PromptPay payload. The phone goes in as 0066 + its 9 digits without the
 * leading 0 (13 characters); a national / tax id as its 13 digits.
 */
export function promptPayPayload(target: PromptPayTarget, amountMinor: number): string {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new RangeError('A PromptPay QR needs a positive amount in satang');
  }
  const account =
    target.kind === 'phone'
      ? field('00', PROMPTPAY_AID) + field('01', `0066${target.value}`)
      : field('00', PROMPTPAY_AID) + field('02', target.value);
  const body = [
    field('00', '01'), // payload format indicator
    field('01', '12'), // point of initiation: 12 = dynamic, used once for this amount
    field('29', account), // merchant account information: PromptPay
    field('53', THAI_BAHT_NUMERIC),
    field('54', formatAmount(amountMinor)),
    field('58', 'TH'),
  ].join('');
  const withCrcHeader = `${body}6304`;
  return withCrcHeader + crc16CcittFalse(withCrcHeader).toString(16).toUpperCase().padStart(4, '0');
}

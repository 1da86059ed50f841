import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, isValidThaiId, parsePromptPayId, promptPayPayload } from './promptpay.emvco.js';

/** An independent CRC-16/CCITT-FALSE (table-driven), so the payload test does not trust the code under test. */
function referenceCrc(text: string): string {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1;
    return c & 0xffff;
  });
  let crc = 0xffff;
  for (const byte of Buffer.from(text)) crc = ((crc << 8) ^ table[((crc >> 8) ^ byte) & 0xff]!) & 0xffff;
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

describe('PromptPay EMVCo payloads', () => {
  it('computes CRC-16/CCITT-FALSE (check value of "123456789" is 29B1)', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    expect(referenceCrc('123456789')).toBe('29B1');
  });

  it('matches a published payload: promptpay-qr README, 0801234567 without amount, CRC 6197', () => {
    // From github.com/dtinth/promptpay-qr: generatePayload('0801234567') ends in 6304 6197.
    const published = '00020101021129370016A000000677010111011300668012345675802TH530376463046197';
    const body = published.slice(0, -4);
    expect(crc16CcittFalse(body).toString(16).toUpperCase()).toBe('6197');
  });

  it('builds a dynamic payload for a phone: 0066 + 9 digits, amount with two decimals, valid CRC', () => {
    const payload = promptPayPayload(parsePromptPayId('081-234-5678')!, 12345);
    const expectedBody =
      '000201' + // payload format 01
      '010212' + // dynamic QR
      '2937' +
      '0016A000000677010111' +
      '01130066812345678' + // PromptPay AID + phone
      '5303764' + // THB
      '5406123.45' + // amount
      '5802TH' +
      '6304';
    expect(payload).toBe(expectedBody + referenceCrc(expectedBody));
  });

  it('builds a payload for a 13-digit national id / tax id under sub-tag 02', () => {
    const payload = promptPayPayload(parsePromptPayId('1101700230708')!, 100);
    const body =
      '000201010212' +
      '2937' +
      '0016A000000677010111' +
      '02131101700230708' +
      '5303764' +
      '54041.00' +
      '5802TH6304';
    expect(payload).toBe(body + referenceCrc(body));
  });

  it('reads PromptPay ids: mobile numbers (+66 or 0), valid Thai ids; refuses the rest', () => {
    expect(parsePromptPayId('+66812345678')).toEqual({ kind: 'phone', value: '812345678' });
    expect(parsePromptPayId('0812345678')).toEqual({ kind: 'phone', value: '812345678' });
    expect(isValidThaiId('1101700230708')).toBe(true);
    expect(isValidThaiId('1101700230709')).toBe(false);
    expect(parsePromptPayId('1101700230709')).toBeNull();
    expect(parsePromptPayId('12345')).toBeNull();
    expect(() => promptPayPayload({ kind: 'phone', value: '812345678' }, 0)).toThrow(RangeError);
  });
});

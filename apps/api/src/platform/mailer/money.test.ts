import { describe, expect, it } from 'vitest';
import { formatMoney } from './money.js';

describe('formatMoney', () => {
  it("uses the currency's own decimals and the reader's language", () => {
    expect(formatMoney(123_456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(123_456, 'JPY')).toBe('¥123,456');
    expect(formatMoney(100_000, 'THB', 'th')).toContain('1,000.00');
    expect(formatMoney(5, 'USD')).toBe('$0.05');
  });
});

import { describe, expect, it } from 'vitest';
import { sanitizeDescription } from './catalog.sanitize.js';

describe('catalog: description sanitising', () => {
  it('keeps the allowed formatting and removes scripts, handlers and images', () => {
    const clean = sanitizeDescription(
      '<h2>Mixing</h2><p onclick="steal()">Hello <strong>world</strong><script>alert(1)</script></p>' +
        '<img src=x onerror="alert(2)"><iframe src="https://evil.example"></iframe><ul><li>One</li></ul>',
    );
    expect(clean).toBe('<h2>Mixing</h2><p>Hello <strong>world</strong></p><ul><li>One</li></ul>');
    expect(clean).not.toContain('script');
    expect(clean).not.toContain('onerror');
  });

  it('forces rel=noopener on links and drops javascript: URLs', () => {
    expect(sanitizeDescription('<a href="https://example.com" target="x">site</a>')).toBe(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer">site</a>',
    );
    expect(sanitizeDescription('<a href="javascript:alert(1)">x</a>')).toBe(
      '<a rel="noopener noreferrer">x</a>',
    );
  });
});

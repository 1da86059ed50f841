import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLATFORM_PATHS } from './studios.service.js';

/** The web's top-level pages (apps/web/app/<folder>): what `/{slug}` would reach instead of a studio. */
function webPlatformPages(): string[] {
  const app = path.resolve(import.meta.dirname, '../../../../web/app');
  return readdirSync(app, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[a-z0-9-]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

describe('slugs a studio cannot take', () => {
  it("include every top-level page of the web and the API's own path", () => {
    const pages = webPlatformPages();
    // The folders are read for real: the list is never empty (sign-in has always been one).
    expect(pages).toContain('sign-in');
    expect([...PLATFORM_PATHS].sort()).toEqual([...pages, 'api'].sort());
  });
});

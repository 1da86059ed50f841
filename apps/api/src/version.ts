import { readFileSync } from 'node:fs';

/** The API's version, from its package.json (the same path from src/ and from dist/). */
export const version: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;

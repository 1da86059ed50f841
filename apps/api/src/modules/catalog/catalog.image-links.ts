import type { Storage } from '../../platform/storage/index.js';

/** Links to catalog images live for one to two hours. */
const LINK_HOURS = 1;

/**
 * A link to a catalog image. Every link made within the same clock hour expires at the same moment, so
 * a page's image URLs stay identical for an hour and browsers and CDNs can cache the bytes; the links
 * are made after a cached read (never cached themselves), so none is served after it expires.
 */
export function imageLink(storage: Storage, storageKey: string, now: Date = new Date()): Promise<string> {
  const hour = 3600_000;
  const expiresAt = Math.floor(now.getTime() / hour) * hour + (LINK_HOURS + 1) * hour;
  return storage.signedUrl(storageKey, {
    expiresInSeconds: Math.max(60, Math.floor((expiresAt - now.getTime()) / 1000)),
  });
}

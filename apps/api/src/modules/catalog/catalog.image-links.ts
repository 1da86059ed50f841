import type { Storage } from '../../platform/storage/index.js';

/** Links to catalog images live for one to two hours. */
const LINK_HOURS = 1;
const HOUR_MS = 3600_000;
/** Links remembered per storage and clock hour; a catalog page shows a few dozen images. */
const REMEMBERED = 20_000;

/** The links made in the current clock hour, per storage (tests build several storages in a process). */
const madeThisHour = new WeakMap<Storage, { hour: number; links: Map<string, Promise<string>> }>();

/**
 * A link to a catalog image. Every link made within the same clock hour expires at the same moment, so
 * a page's image URLs stay identical for an hour and browsers and CDNs can cache the bytes; the links
 * are made after a cached read (never cached longer than CATALOG_CACHE_SECONDS, at most an hour), so
 * none is served after it expires. Within the hour a link is made once and remembered: signing one
 * (an HMAC, or an S3 presign) for every image of every answer was a tenth of a cached page's cost.
 */
export function imageLink(storage: Storage, storageKey: string, now: Date = new Date()): Promise<string> {
  const hour = Math.floor(now.getTime() / HOUR_MS);
  let made = madeThisHour.get(storage);
  if (!made || made.hour !== hour || made.links.size >= REMEMBERED) {
    made = { hour, links: new Map() };
    madeThisHour.set(storage, made);
  }
  const known = made.links.get(storageKey);
  if (known) return known;
  const expiresAt = (hour + LINK_HOURS + 1) * HOUR_MS;
  const link = storage.signedUrl(storageKey, {
    expiresInSeconds: Math.max(60, Math.floor((expiresAt - now.getTime()) / 1000)),
  });
  const links = made.links;
  links.set(storageKey, link);
  // A failed signing is not remembered: the next answer tries again.
  link.catch(() => links.delete(storageKey));
  return link;
}

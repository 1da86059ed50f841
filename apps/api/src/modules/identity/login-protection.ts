import type { Cache } from '../../platform/cache/index.js';
import { AppError } from '../../platform/http/errors.js';

/** Failed sign-ins allowed per account and per address before 429 (the supplier's seed checks 5 / 15 min). */
export const MAX_FAILED_SIGN_INS = 5;
export const FAILED_SIGN_IN_WINDOW_SECONDS = 15 * 60;

const keys = (email: string, ip: string) => [
  `sign-in-failures:account:${email.trim().toLowerCase()}`,
  `sign-in-failures:ip:${ip}`,
];

/**
 * Brute-force protection for password sign-in. Counters live in the cache, so with Redis every replica
 * sees the same count; a successful sign-in clears the account's counter (not the address's).
 */
export function createLoginProtection(cache: Cache) {
  return {
    /** Throws 429 with Retry-After when the account or the address has used up its attempts. */
    async assertAllowed(email: string, ip: string): Promise<void> {
      for (const key of keys(email, ip)) {
        const failures = (await cache.get<number>(key)) ?? 0;
        if (failures >= MAX_FAILED_SIGN_INS) {
          // Counting one more changes nothing (the window is fixed) and tells us when it ends.
          const { resetInSeconds } = await cache.increment(key, FAILED_SIGN_IN_WINDOW_SECONDS);
          throw new AppError('rate_limited', 'Too many failed sign-ins; try again later', {
            retryAfter: resetInSeconds,
          });
        }
      }
    },
    async recordFailure(email: string, ip: string): Promise<void> {
      for (const key of keys(email, ip)) await cache.increment(key, FAILED_SIGN_IN_WINDOW_SECONDS);
    },
    async recordSuccess(email: string, ip: string): Promise<void> {
      const [accountKey] = keys(email, ip);
      if (accountKey) await cache.delete(accountKey);
    },
  };
}

export type LoginProtection = ReturnType<typeof createLoginProtection>;

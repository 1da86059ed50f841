import { defineConfig } from 'vitest/config';

// One runner for the whole repo. The same suite runs on embedded PGlite by default and on real
// Postgres + Redis when DATABASE_URL / REDIS_URL are set (see .ci/run).
export default defineConfig({
  test: {
    include: [
      'apps/api/src/**/*.test.ts',
      'apps/web/components/**/*.test.ts',
      'apps/web/lib/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'scripts/**/*.test.mjs',
    ],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});

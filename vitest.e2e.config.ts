import { defineConfig } from 'vitest/config'

// HTTP and browser tests against the BUILT portal (`npm run build` first): each test file starts its own
// server process (tests/e2e/support/portal.ts). Standalone on purpose: no global database setup from
// vitest.config.ts, one file at a time (each runs a server, and Chromium), generous timeouts.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts', 'tests/http/**/*.test.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 150_000,
    teardownTimeout: 60_000,
    env: { TZ: 'UTC' },
  },
})

import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Unit and integration tests; browser tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'emails/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'tests/integration/**/*.test.{ts,tsx}', 'templates/**/*.test.ts'],
    globalSetup: ['tests/setup/global-db.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TZ: 'UTC' },
  },
})

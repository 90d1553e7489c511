import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import { fileURLToPath } from 'node:url'
import { clientMessages } from './app/i18n/client-messages.vite'

// Remix 2 on its Vite plugin (docs/decisions/001-vite-instead-of-remix-config.md).
export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  build: { target: 'es2022' },
  ssr: { noExternal: [] },
  plugins: [
    clientMessages(),
    remix({
      ignoredRouteFiles: ['**/*.test.ts', '**/*.test.tsx', '**/*.server.test.ts'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
})

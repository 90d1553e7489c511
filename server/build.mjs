// Bundles the Express server (server/main.ts and the modules it uses) into build/server.js (and its receipt-drawing
// thread into build/pdf-thread.js), next to
// Remix's build/server/index.js and build/client/. Packages stay external: node_modules is there at run time.
import { build } from 'esbuild'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { nodeBundle } from './bundle-options.mjs'

await build({
  // The server, and the thread that draws receipts (server/pdf-thread.ts), which the server starts from its file.
  entryPoints: { server: fileURLToPath(new URL('./main.ts', import.meta.url)), 'pdf-thread': fileURLToPath(new URL('./pdf-thread.ts', import.meta.url)) },
  outdir: fileURLToPath(new URL('../build', import.meta.url)),
  ...nodeBundle,
})
writeFileSync(fileURLToPath(new URL('../build/.stamp', import.meta.url)), new Date().toISOString())

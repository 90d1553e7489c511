// The esbuild options every server-side bundle shares (the server and its receipt thread, the benchmarks, the
// receipt thread's test): Node ESM, packages left external (node_modules is there at run time), `~` for app/.
import { fileURLToPath } from 'node:url'

/** @type {import('esbuild').BuildOptions} */
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  sourcemap: true,
  alias: { '~': fileURLToPath(new URL('../app', import.meta.url)) },
  logLevel: 'warning',
}

import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

// A Vite plugin (ADR 013): in the browser build, app/i18n/catalogues.ts — every message of both languages — is
// replaced by a module that loads, on demand, one JSON chunk per language and group ("virtual:messages/vi/public",
// "…/vi/staff", "…/en/…"). entry.client.tsx loads the page's groups before hydrating; the root's clientLoader
// loads them before rendering a navigation that needs more (after signing in as staff). The server build and the
// tests keep the real module.

const CATALOGUES = fileURLToPath(new URL('./catalogues.ts', import.meta.url))
const PREFIX = 'virtual:messages/'
const LANGS = ['vi', 'en'] as const
const GROUPS = ['public', 'staff'] as const

const BROWSER_MODULE = `
const chunks = {
${LANGS.flatMap((l) => GROUPS.map((g) => `  '${l}/${g}': () => import('${PREFIX}${l}/${g}'),`)).join('\n')}
}
export const catalogues = { vi: {}, en: {} }
export const MESSAGE_GROUPS = ${JSON.stringify(GROUPS)}
const loaded = new Set()
export async function loadMessages(lang, groups) {
  await Promise.all(
    groups.map(async (g) => {
      const name = lang + '/' + g
      if (loaded.has(name) || !chunks[name]) return
      Object.assign(catalogues[lang], (await chunks[name]()).default)
      loaded.add(name)
    }),
  )
}
export function reportMissing(key) {
  console.error('[i18n] no message "' + key + '" among those loaded on this page (' + [...loaded].join(', ') + ')')
}
`

type Catalogues = { browserMessages(lang: string, group: string): Record<string, string> }

/** The real catalogues module, bundled and evaluated in Node, to draw the chunks from. */
async function evaluate(): Promise<{ module: Catalogues; files: string[] }> {
  const out = await build({ entryPoints: [CATALOGUES], bundle: true, write: false, format: 'esm', platform: 'node', metafile: true, logLevel: 'silent' })
  const code = out.outputFiles[0].text
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Catalogues
  return { module, files: Object.keys(out.metafile.inputs) }
}

export function clientMessages(): Plugin {
  let cached: Promise<{ module: Catalogues; files: string[] }> | null = null
  return {
    name: 'fund:client-messages',
    enforce: 'pre',
    buildStart() {
      cached = null
    },
    watchChange(id) {
      if (id.includes('/app/i18n/')) cached = null
    },
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : null
    },
    async load(id, options) {
      if (id.startsWith(`\0${PREFIX}`)) {
        const [lang, group] = id.slice(PREFIX.length + 1).split('/')
        cached ??= evaluate()
        const { module, files } = await cached
        for (const file of files) this.addWatchFile(file)
        const messages = module.browserMessages(lang, group)
        // JSON.parse of a string literal: parsed faster than the same object as code.
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(messages))})`
      }
      if (!options?.ssr && id.split('?')[0] === CATALOGUES) return BROWSER_MODULE
      return null
    },
  }
}

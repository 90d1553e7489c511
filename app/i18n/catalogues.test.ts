import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BROWSER_GROUPS, browserMessages, catalogues, SERVER_ONLY } from './catalogues'

// What a browser is sent (ADR 013): the messages split into groups loaded on demand. A key in no group would show
// as its raw name; a page for applicants naming a Fund-only key would show it raw to them.

const ROOT = join(__dirname, '..')

describe('the browser groups of messages', () => {
  it('hold every message exactly once, with the server’s text, in both languages', () => {
    const files = [...BROWSER_GROUPS.public, ...BROWSER_GROUPS.staff, ...SERVER_ONLY]
    const seen = new Map<string, number>()
    files.forEach((f, i) => {
      for (const key of Object.keys(f.vi)) {
        expect(seen.has(key), `${key} is in two message files`).toBe(false)
        seen.set(key, i)
      }
    })
    expect([...seen.keys()].sort()).toEqual(Object.keys(catalogues.vi).sort())
    for (const lang of ['vi', 'en'] as const) {
      const sent = { ...browserMessages(lang, 'public'), ...browserMessages(lang, 'staff') }
      for (const [key, text] of Object.entries(sent)) expect(text).toBe((catalogues[lang] as Record<string, string>)[key])
    }
  })

  it('send no mail or PDF wording to a browser', () => {
    const sent = { ...browserMessages('vi', 'public'), ...browserMessages('vi', 'staff') }
    expect(Object.keys(sent).filter((k) => k.startsWith('email.') || k.startsWith('doc.'))).toEqual([])
  })

  it('give the pages applicants and the public see only keys of the public group', () => {
    const pub = browserMessages('vi', 'public')
    const fundOnly = new Set(Object.keys(catalogues.vi).filter((k) => !(k in pub)))
    // Links of the header shown only to the Fund's people (the root loads their group for them).
    const gatedInLayout = new Set(['councils.nav', 'reviewing.nav', 'nav.staffCalls', 'nav.staffApplications'])
    const routes = readdirSync(join(ROOT, 'routes'))
      .filter((f) => f.endsWith('.tsx') && !/^(staff|review|admin|signing)[._]/.test(f))
      .map((f) => join(ROOT, 'routes', f))
    const components = readdirSync(join(ROOT, 'components'))
      // The Fund's own components: the call form, the screening clock, the start page's parts for the Fund's people,
      // the meeting's record.
      .filter((f) => f.endsWith('.tsx') && !['call-form.tsx', 'clock.tsx', 'start-fund.tsx', 'meeting-record.tsx'].includes(f))
      .map((f) => join(ROOT, 'components', f))
    const offenders: string[] = []
    for (const file of [...routes, ...components]) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/['"`]([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)['"`]/g)) {
        if (fundOnly.has(m[1]) && !(file.endsWith('layout.tsx') && gatedInLayout.has(m[1]))) offenders.push(`${file.slice(ROOT.length + 1)}: ${m[1]}`)
      }
    }
    expect(offenders).toEqual([])
  })
})

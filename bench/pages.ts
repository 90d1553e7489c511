// Pages (quality.md, "Performance": server render of the staff application list (50 rows) p50 ≤ 20 ms; applicant
// JS ≤ 150 KB gzipped), on the production build (`npm run build`; rebuilt here first when the sources are newer,
// as `npm start` does):
// 1. GET /staff/applications through the built server's Remix request handler (createRequestHandler of
//    @remix-run/node, the load context server/app.ts gives), as a signed-in staff member, on embedded PGlite with
//    60 applications filed and submitted through the real modules (saveSection, uploadAttachment, applyTransition);
//    then the same page through the whole HTTP app of server/app.ts (helmet, compression) on a local port, and the
//    loader's query (listInbox) alone, for the database's share.
// 2. The JavaScript each applicant page loads: from the build's Remix manifest, the entry and every route module of
//    the page's route chain with their static imports (followed through the files themselves), gzipped at level 9
//    (and at 6, what compression() serves); checked against the modulepreload links of rendered pages.
//   npm run bench:pages [-- --requests 200 --warmup 20 --http 100 --apps 60]
// Writes bench/results/pages-<commit>-<date>.md (and .json). See bench/README.md.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { type AppLoadContext, createRequestHandler, type ServerBuild } from '@remix-run/node'
import { createDb } from '../db'
import { migrateToLatest } from '../db/migrate'
import { parseEnv } from '../app/config/env.server'
import { uploadStorage } from '../app/modules/applications'
import { listInbox } from '../app/modules/screening'
import { applyTransition } from '../app/modules/workflow'
import { createApp } from '../server/app'
import { createUser, insertFundSettings, sessionFor } from '../tests/setup/app'
import { createCall } from '../tests/setup/calls'
import { COMPLETE_SECTIONS } from '../tests/setup/sections'
import { fileCompleteDraft } from './fixtures'
import { codeVersion, cpuMs, loadAverage, machine, summarize, type Summary } from './stats'

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    http: { type: 'string', default: '100' },
    apps: { type: 'string', default: '60' },
  },
})
const REQUESTS = Number(values.requests)
const WARMUP = Number(values.warmup)
const HTTP_REQUESTS = Number(values.http)
const APPS = Math.max(51, Number(values.apps))
const RENDER_TARGET_MS = 20
const JS_TARGET_KB = 150
const APP_URL = 'http://localhost:3000'
const log = (...args: unknown[]) => console.error('[pages]', ...args)
const loadStart = loadAverage()
const root = process.cwd()

// ---- the production build --------------------------------------------------------------------------------

// The same rule as server/start.mjs: rebuild when a source is newer than build/.stamp.
const stamp = join(root, 'build', '.stamp')
const SOURCES = ['app', 'server', 'db', 'emails', 'templates', 'public', 'vite.config.ts', 'package-lock.json']
const newest = (path: string): number => {
  if (!existsSync(path)) return 0
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  let max = 0
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)))
  return max
}
const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
let rebuilt = false
if (!builtAt || SOURCES.some((s) => newest(join(root, s)) > builtAt)) {
  log(builtAt ? 'sources changed since the last build: building…' : 'no build: building…')
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
  if (r.status !== 0) throw new Error('npm run build failed')
  rebuilt = true
}
const clientDir = resolve(root, 'build/client')
const build = (await import(pathToFileURL(resolve(root, 'build/server/index.js')).href)) as ServerBuild

// ---- 2. applicant JavaScript (no database needed) ----------------------------------------------------------

/** The pages an applicant sees: the public ones, their organisation's and applications', their account. */
const APPLICANT_ROUTES = [
  'routes/_index',
  'routes/login',
  'routes/register',
  'routes/check-email',
  'routes/verify-email',
  'routes/forgot-password',
  'routes/reset-password',
  'routes/calls._index',
  'routes/calls.$code._index',
  'routes/calls.$code.eligibility',
  'routes/organisations._index',
  'routes/organisations.new',
  'routes/organisations.$orgId._index',
  'routes/organisations.$orgId.members',
  'routes/organisation-invitation',
  'routes/applications._index',
  'routes/applications.new',
  'routes/applications.$id._index',
  'routes/applications.$id.sections.$key',
  'routes/applications.$id.attachments',
  'routes/applications.$id.check',
  'routes/applications.$id.confirmation',
  'routes/applications.$id.withdraw',
  'routes/account',
  'routes/account.password',
]

const assets = build.assets
const fileOf = (url: string) => join(clientDir, url.replace(/^\//, ''))
const sizeCache = new Map<string, { raw: number; gz9: number; gz6: number; imports: string[] }>()
/** A built module's sizes and the modules it imports statically (`import … from "./x.js"`, `import "./x.js"`). */
function moduleInfo(url: string) {
  let info = sizeCache.get(url)
  if (!info) {
    const buf = readFileSync(fileOf(url))
    const text = buf.toString('utf8')
    const imports = new Set<string>()
    const base = url.slice(0, url.lastIndexOf('/') + 1)
    // Static imports only: `import("./x.js")` is loaded later, when needed, and is not part of the page's load.
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)) imports.add(new URL(m[1], `http://x${base}`).pathname)
    info = { raw: buf.length, gz9: gzipSync(buf, { level: 9 }).length, gz6: gzipSync(buf, { level: 6 }).length, imports: [...imports] }
    sizeCache.set(url, info)
  }
  return info
}
function closure(urls: readonly string[]): string[] {
  const seen = new Set<string>()
  const visit = (u: string) => {
    if (seen.has(u)) return
    seen.add(u)
    for (const i of moduleInfo(u).imports) visit(i)
  }
  urls.forEach(visit)
  return [...seen].sort()
}
/** The modules a built file imports with `import("./x.js")`. */
function dynamicImports(url: string): string[] {
  const text = readFileSync(fileOf(url), 'utf8')
  const base = url.slice(0, url.lastIndexOf('/') + 1)
  return [...text.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g)].map((m) => new URL(m[1], `http://x${base}`).pathname)
}
function routeChain(id: string): string[] {
  const chain: string[] = []
  for (let r: string | undefined = id; r; r = assets.routes[r]?.parentId) chain.unshift(r)
  return chain
}
interface PageJs {
  route: string
  files: number
  rawKB: number
  gzip9KB: number
  gzip6KB: number
  /** What the page loads beyond the entry's files (root, its chunks such as the catalogue, and the route's), gzip 9. */
  routeOwnGzip9KB: number
  /** What the route's own modules import dynamically (a form's validation, ADR 013), loaded once the page is interactive: gzip 9, not counted above. */
  afterInteractiveGzip9KB: number
  withinTarget: boolean
}
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10
const entryFiles = closure([assets.entry.module, ...assets.entry.imports])
/**
 * The messages entry.client loads before it hydrates (ADR 013), a dynamic import that is part of every page's load:
 * an applicant's page loads the 'public' group in its language; the Vietnamese one (the larger) is counted.
 */
const messageChunks = new Map<string, string>()
for (const u of entryFiles) {
  const text = readFileSync(fileOf(u), 'utf8')
  for (const m of text.matchAll(/"((?:vi|en)\/(?:public|staff))":\(\)=>[\w$]+\(\(\)=>import\("(\.{1,2}\/[^"]+\.js)"\)/g))
    messageChunks.set(m[1], new URL(m[2], `http://x${u.slice(0, u.lastIndexOf('/') + 1)}`).pathname)
}
const applicantMessages = messageChunks.get('vi/public')
if (!applicantMessages) throw new Error('no message chunk "vi/public" found among the entry\'s files')
function pageJs(route: string): PageJs & { urls: string[] } {
  if (!assets.routes[route]) throw new Error(`no route ${route} in the build's manifest`)
  const chain = routeChain(route)
  const urls = closure([assets.entry.module, ...assets.entry.imports, applicantMessages!, ...chain.flatMap((r) => [assets.routes[r].module, ...(assets.routes[r].imports ?? [])])])
  const sum = (k: 'raw' | 'gz9' | 'gz6', list: string[]) => list.reduce((s, u) => s + moduleInfo(u)[k], 0)
  const own = urls.filter((u) => !entryFiles.includes(u))
  const gz9 = sum('gz9', urls)
  const later = closure(own.flatMap(dynamicImports)).filter((u) => !urls.includes(u))
  return {
    route,
    files: urls.length,
    rawKB: kb(sum('raw', urls)),
    gzip9KB: kb(gz9),
    gzip6KB: kb(sum('gz6', urls)),
    routeOwnGzip9KB: kb(sum('gz9', own)),
    afterInteractiveGzip9KB: kb(sum('gz9', later)),
    withinTarget: gz9 / 1024 <= JS_TARGET_KB,
    urls,
  }
}
const pages = APPLICANT_ROUTES.filter((r) => assets.routes[r]).map(pageJs)
const missingRoutes = APPLICANT_ROUTES.filter((r) => !assets.routes[r])
const largest = pages.reduce((a, b) => (b.gzip9KB > a.gzip9KB ? b : a))
const allApplicant = closure(pages.flatMap((p) => p.urls))
const allApplicantGzip9KB = kb(allApplicant.reduce((s, u) => s + moduleInfo(u).gz9, 0))
const heaviestFiles = largest.urls
  .map((u) => ({ file: u, rawKB: kb(moduleInfo(u).raw), gzip9KB: kb(moduleInfo(u).gz9) }))
  .sort((a, b) => b.gzip9KB - a.gzip9KB)
  .slice(0, 6)
log(`applicant JS: largest page ${largest.route} ${largest.gzip9KB} KB gzipped (level 9)`)

// ---- 1. the staff list, rendered ----------------------------------------------------------------------

const dataDir = await mkdtemp(join(tmpdir(), 'fund-bench-pages-'))
const env = parseEnv({ NODE_ENV: 'production', APP_URL, SESSION_SECRET: 'bench-secret-that-is-long-enough-for-hmac-0123456789', DATA_DIR: dataDir, PASSWORD_SCRYPT_LOG_N: '14' })
const handle = await createDb({})
const db = handle.db
const context = (): AppLoadContext => ({ db, dbKind: handle.kind, env, cspNonce: randomBytes(16).toString('base64'), clientIp: '203.0.113.7' })
const handler = createRequestHandler(build, 'production')
const get = (path: string, cookie: string) => handler(new Request(`${APP_URL}${path}`, { headers: { Cookie: cookie, 'Accept-Language': 'vi' } }), context())
/** Application ids linked from the staff list's rows. */
const rowIds = (html: string) => new Set([...html.matchAll(/href="\/staff\/applications\/([0-9a-f-]{36})"/g)].map((m) => m[1]))

let server: ReturnType<ReturnType<typeof createApp>['listen']> | undefined
try {
  let t = performance.now()
  await migrateToLatest(db)
  await insertFundSettings(db)
  const migrateSeconds = (performance.now() - t) / 1000

  // Applicants file complete drafts and submit them (not timed).
  t = performance.now()
  const storage = uploadStorage(env)
  const call = await createCall(db)
  const docs = await db.selectFrom('call_documents').select(['id', 'mandatory']).where('call_id', '=', call.id).orderBy('position').execute()
  const fileDraft = async (i: number) => {
    const filed = await fileCompleteDraft(db, storage, {
      callId: call.id,
      mandatoryDocumentIds: docs.filter((x) => x.mandatory).map((x) => x.id),
      index: i,
      organisationName: `Công ty TNHH Cà phê Buôn Ma Thuột số ${i}`,
      title: `${COMPLETE_SECTIONS.general.title} – hộ ${i}`,
    })
    return { userId: filed.user.id, email: filed.user.email, applicationId: filed.applicationId, organisationId: filed.organisationId }
  }
  const submitted: Awaited<ReturnType<typeof fileDraft>>[] = []
  for (let i = 1; i <= APPS; i++) {
    const a = await fileDraft(i)
    const r = await applyTransition(db, { applicationId: a.applicationId, event: 'submit', as: 'applicant', actor: { id: a.userId, email: a.email, fullName: `Người nộp ${i}` }, lang: 'vi', appUrl: APP_URL })
    if (!r.ok) throw new Error(`submit ${i}: ${JSON.stringify(r)}`)
    submitted.push(a)
  }
  // One applicant still at work: their draft's pages are the applicant pages rendered below.
  const drafter = await fileDraft(APPS + 1)
  const seedSeconds = (performance.now() - t) / 1000
  log(`migrated in ${migrateSeconds.toFixed(1)} s; ${APPS} applications filed and submitted in ${seedSeconds.toFixed(1)} s`)

  const staff = await createUser(db, { roles: ['staff'], fullName: 'Phạm Văn Cán Bộ', email: 'staff@bench.example.vn' })
  const staffCookie = await sessionFor(context(), staff.id)
  const applicantCookie = await sessionFor(context(), drafter.userId)

  // The page, cold (the first request of the process) and checked.
  t = performance.now()
  const first = await get('/staff/applications', staffCookie)
  const firstHtml = await first.text()
  const coldMs = performance.now() - t
  const rows = rowIds(firstHtml).size
  if (first.status !== 200) throw new Error(`GET /staff/applications answered ${first.status}: ${firstHtml.slice(0, 500)}`)
  if (rows !== 50) throw new Error(`GET /staff/applications shows ${rows} rows, expected 50`)
  const htmlKB = kb(Buffer.byteLength(firstHtml))
  const htmlGzipKB = kb(gzipSync(firstHtml, { level: 6 }).length)
  // The serialised loader data the page carries for hydration (window.__remixContext), apart from the markup.
  const hydrationKB = kb([...firstHtml.matchAll(/<script[^>]*>([^<]*__remixContext[\s\S]*?)<\/script>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]), 0))

  for (let i = 0; i < WARMUP; i++) await (await get('/staff/applications', staffCookie)).text()
  const times: number[] = []
  let cpu0 = cpuMs()
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now()
    const res = await get('/staff/applications', staffCookie)
    const html = await res.text()
    times.push(performance.now() - t0)
    if (res.status !== 200 || rowIds(html).size !== 50) throw new Error(`request ${i}: ${res.status}, ${rowIds(html).size} rows`)
  }
  const render = { ...summarize(times), cpuPerRequestMs: Math.round(((cpuMs() - cpu0) / REQUESTS) * 100) / 100 }

  // The loader's query alone: the database's share of the page.
  const inboxTimes: number[] = []
  cpu0 = cpuMs()
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now()
    const inbox = await listInbox(db, { sort: 'received', page: 1, pageSize: 50 })
    inboxTimes.push(performance.now() - t0)
    if (inbox.rows.length !== 50) throw new Error('listInbox lost rows')
  }
  const inbox = { ...summarize(inboxTimes), cpuPerRequestMs: Math.round(((cpuMs() - cpu0) / REQUESTS) * 100) / 100 }

  // The whole HTTP app (server/app.ts: helmet, CSP nonce, compression, then the same handler) on a local port.
  const app = createApp({ env, database: handle, build, clientDir })
  server = app.listen(0, '127.0.0.1')
  await new Promise((r) => server!.once('listening', r))
  const port = (server.address() as AddressInfo).port
  const httpGet = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/staff/applications`, { headers: { Cookie: staffCookie, 'Accept-Encoding': 'gzip', 'Accept-Language': 'vi' } })
    const html = await res.text()
    if (res.status !== 200 || rowIds(html).size !== 50) throw new Error(`HTTP: ${res.status}, ${rowIds(html).size} rows`)
    return res.headers.get('content-encoding')
  }
  for (let i = 0; i < Math.min(WARMUP, HTTP_REQUESTS); i++) await httpGet()
  const httpTimes: number[] = []
  let encoding: string | null = null
  for (let i = 0; i < HTTP_REQUESTS; i++) {
    const t0 = performance.now()
    encoding = await httpGet()
    httpTimes.push(performance.now() - t0)
  }
  const http = { ...summarize(httpTimes), contentEncoding: encoding }

  // The applicant pages as rendered: their modulepreload links must be the files counted above.
  const renderedChecks: { path: string; route: string; status: number; scripts: number; sameFiles: boolean | null; notCounted: string[] }[] = []
  for (const [path, route] of [
    ['/', 'routes/_index'],
    [`/calls/${call.code}`, 'routes/calls.$code._index'],
    ['/applications', 'routes/applications._index'],
    [`/applications/${drafter.applicationId}`, 'routes/applications.$id._index'],
    [`/applications/${drafter.applicationId}/sections/proposal`, 'routes/applications.$id.sections.$key'],
    [`/applications/${drafter.applicationId}/attachments`, 'routes/applications.$id.attachments'],
    [`/organisations/${drafter.organisationId}`, 'routes/organisations.$orgId._index'],
  ] as const) {
    const res = await get(path, applicantCookie)
    const html = await res.text()
    // Every script file the page names: modulepreload links, script src, and imports in its inline module scripts.
    const named = new Set([
      ...[...html.matchAll(/<link rel="modulepreload" href="([^"]+\.js)"/g)].map((m) => m[1]),
      ...[...html.matchAll(/<script[^>]* src="([^"]+\.js)"/g)].map((m) => m[1]),
      ...[...html.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\/assets\/[^"']+\.js)["']/g)].map((m) => m[1]),
    ])
    const page = pages.find((p) => p.route === route)!
    // … and the messages entry.client loads for the groups the page names (an applicant's: "public" only).
    const messages = /<html[^>]* data-messages="public"/.test(html) ? [applicantMessages!] : []
    const loaded = res.status === 200 ? closure([...named, ...messages]) : []
    renderedChecks.push({
      path: path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ':id').replace(call.code, ':code'),
      route,
      status: res.status,
      scripts: named.size,
      sameFiles: res.status === 200 ? loaded.join() === page.urls.join() : null,
      notCounted: loaded.filter((u) => !page.urls.includes(u)),
    })
  }

  // ---- report -------------------------------------------------------------------------------------------

  const { commit, dirty } = codeVersion(['app', 'db', 'server'])
  const date = new Date().toISOString().slice(0, 10)
  const loadEnd = loadAverage()
  const renderMet = render.p50 <= RENDER_TARGET_MS
  const jsMet = largest.gzip9KB <= JS_TARGET_KB
  const result = {
    name: 'pages',
    commit,
    dirty,
    date,
    machine: { ...machine(), loadStart, loadEnd },
    build: { stamp: readFileSync(stamp, 'utf8').trim(), rebuiltByThisRun: rebuilt },
    parameters: { applications: APPS, requests: REQUESTS, warmup: WARMUP, httpRequests: HTTP_REQUESTS, database: 'PGlite (in memory)' },
    staffList: { path: '/staff/applications', rows, htmlKB, htmlGzipKB, hydrationKB, coldMs: Math.round(coldMs * 100) / 100, render, loaderQueryOnly: inbox, http, seedSeconds, migrateSeconds },
    applicantJs: {
      entryGzip9KB: kb(entryFiles.reduce((s, u) => s + moduleInfo(u).gz9, 0)),
      largest: { route: largest.route, gzip9KB: largest.gzip9KB, gzip6KB: largest.gzip6KB, heaviestFiles },
      allApplicantPagesGzip9KB: allApplicantGzip9KB,
      pages: pages.map(({ urls: _u, ...p }) => p),
      missingRoutes,
      renderedChecks,
    },
    targets: {
      renderP50Ms: { target: RENDER_TARGET_MS, measured: render.p50, met: renderMet },
      applicantJsKB: { target: JS_TARGET_KB, measured: largest.gzip9KB, met: jsMet },
    },
  }
  const f = (x: number) => x.toFixed(1)
  const line = (label: string, s: Summary) => `| ${label} | ${f(s.mean)} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.max)} |`
  const md = `# Pages benchmark — ${commit}${dirty ? ' (app/, db/ or server/ modified)' : ''}, ${date}

Machine: ${result.machine.cpus} × ${result.machine.model}, ${result.machine.memGiB} GiB, Node ${process.version}; load average at the start ${loadStart}, at the end ${loadEnd} (a shared machine).
Production build (\`build/.stamp\` ${result.build.stamp}${rebuilt ? ', rebuilt by this run' : ''}); PGlite in memory with ${APPS} submitted applications (filed and submitted through the modules, ${f(seedSeconds)} s, not timed) and one draft.

## Server render of the staff application list

\`GET /staff/applications\` as a signed-in staff member: ${rows} rows, ${f(htmlKB)} KB of HTML (${f(htmlGzipKB)} KB gzipped), of which ${f(hydrationKB)} KB is the loader data serialised for hydration. First request of the process (cold) ${f(coldMs)} ms.

| measure (ms) | mean | p50 | p95 | p99 | max |
|---|---|---|---|---|---|
${line(`Remix request handler of the build, warm (${REQUESTS} sequential, after ${WARMUP})`, render)}
${line(`… its loader's query alone (listInbox, ${REQUESTS})`, inbox)}
${line(`the whole HTTP app (server/app.ts, ${HTTP_REQUESTS} over a local socket, ${http.contentEncoding ?? 'no'} encoding)`, http)}

CPU per request: ${f(render.cpuPerRequestMs)} ms through the handler, of which about ${f(inbox.cpuPerRequestMs)} ms is the query (PGlite runs in this process, so its CPU counts here): about ${f(render.cpuPerRequestMs - inbox.cpuPerRequestMs)} ms is Remix and React rendering the page.

Verdict: p50 ${f(render.p50)} ms against ≤ ${RENDER_TARGET_MS} ms — **${renderMet ? 'met' : 'not met'}**.

## Applicant JavaScript

What each applicant page loads: the entry (${f(result.applicantJs.entryGzip9KB)} KB gzipped), the messages it loads before hydrating (the
Vietnamese 'public' group, ADR 013) and the modules of its route chain, with their static imports followed
through the files; each file gzipped alone at level 9 (level 6 is what \`compression()\` serves). The last column is what the
route's modules import dynamically and the page fetches once it is interactive (a form's validation: zod and the
schema, ADR 013); it is not in the page's load.
Checked against the \`modulepreload\` links of rendered pages: ${renderedChecks.map((c) => `${c.path} ${c.status}${c.sameFiles === null ? '' : c.sameFiles ? ' ✓' : ' ✗ (differs)'}`).join(', ')}.

| page (route) | files | raw KB | gzip 9 KB | gzip 6 KB | beyond the entry, gzip 9 KB | ≤ ${JS_TARGET_KB} KB | then, once interactive, gzip 9 KB |
|---|---|---|---|---|---|---|---|
${[...pages]
  .sort((a, b) => b.gzip9KB - a.gzip9KB)
  .map((p) => `| ${p.route.replace(/^routes\//, '')} | ${p.files} | ${f(p.rawKB)} | ${f(p.gzip9KB)} | ${f(p.gzip6KB)} | ${f(p.routeOwnGzip9KB)} | ${p.withinTarget ? 'yes' : '**no**'} | ${p.afterInteractiveGzip9KB ? f(p.afterInteractiveGzip9KB) : '–'} |`)
  .join('\n')}

Largest page: ${largest.route} — ${f(largest.gzip9KB)} KB gzipped; its heaviest files: ${heaviestFiles.map((h) => `${h.file.replace('/assets/', '')} ${f(h.gzip9KB)} KB`).join(', ')}.
Every applicant page's JavaScript together (a session visiting them all): ${f(allApplicantGzip9KB)} KB gzipped.${missingRoutes.length ? ` Routes not in this build: ${missingRoutes.join(', ')}.` : ''}

Verdict: the largest applicant page loads ${f(largest.gzip9KB)} KB of JavaScript gzipped against ≤ ${JS_TARGET_KB} KB — **${jsMet ? 'met' : 'not met'}**.
`
  mkdirSync('bench/results', { recursive: true })
  writeFileSync(`bench/results/pages-${commit}-${date}.md`, md)
  writeFileSync(`bench/results/pages-${commit}-${date}.json`, JSON.stringify(result, null, 2))
  console.log(JSON.stringify(result, null, 2))
  console.error(md)
} finally {
  server?.close()
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
}

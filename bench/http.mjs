// `npm run bench:http`: deadline day over real HTTP. See bench/README.md ("bench:http").
// Starts the BUILT portal (`node build/server.js serve`, built first if build/server.js is missing) on a fresh
// PostgreSQL database, and the bare baseline (bench/bare/server.mjs) on the same database; seeds applicants with
// complete drafts through the modules; then a separate process (bench/http-load.mjs) signs them in over HTTP and
// drives both servers over keep-alive HTTP, alternating, closed loop; then the deadline mix on the portal, open
// loop. Every acknowledged write is read back from the database. Writes bench/results/<name>-<date>.{md,json}.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { nodeBundle } from '../server/bundle-options.mjs'
import postgres from 'postgres'

const root = fileURLToPath(new URL('..', import.meta.url))
const here = (p) => fileURLToPath(new URL(p, import.meta.url))
const int = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback)
const serverUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
/** postgres.js for a URL that may name a Unix socket as libpq does (`?host=/var/run/postgresql`), as db/index.ts reads it. */
function connect(url, options) {
  const u = new URL(url)
  const host = u.searchParams.get('host')
  if (!host?.startsWith('/')) return postgres(url, options)
  u.searchParams.delete('host')
  return postgres(u.toString(), { ...options, host })
}
const INSTANCES = int('BENCH_HTTP_INSTANCES', 1)
const N = int('BENCH_HTTP_N', 400)
// The mix's autosaves come from applicants of their own (deadline day: each applicant's own rows, saved every few
// seconds), not from the N the closed loop has just saved thousands of times: 10,000 as on deadline day (issue 13),
// each saving once every 30 s at 333 autosaves/s.
const MIX_N = int('BENCH_HTTP_MIX_N', 10000)
const C = int('BENCH_HTTP_CONCURRENCY', 50)
const SECONDS = int('BENCH_HTTP_SECONDS', 15)
const ROUNDS = int('BENCH_HTTP_ROUNDS', 3)
const MIX_SECONDS = int('BENCH_HTTP_MIX_SECONDS', 60)
const MIX_WARMUP = int('BENCH_HTTP_MIX_WARMUP', 10)
const SAVES_PER_S = int('BENCH_HTTP_SAVES_PER_S', 333)
const SUBMITS_PER_S = int('BENCH_HTTP_SUBMITS_PER_S', 20)
const PROFILE_DIR = process.env.BENCH_HTTP_PROFILE // --cpu-prof of the portal, written there at its exit
// The profile's sampling interval in µs (Node's default 1000 costs the portal a good part of its thread under load).
const PROFILE_INTERVAL = process.env.BENCH_HTTP_PROFILE_INTERVAL_US
const SKIP_BARE = process.env.BENCH_HTTP_SKIP_BARE === '1'
// Settings for the portal in an experiment: BENCH_PORTAL_X=v starts it with X=v (e.g. BENCH_PORTAL_OUTBOX_POLL_MS).
const PORTAL_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_PORTAL_')).map(([k, v]) => [k.slice('BENCH_PORTAL_'.length), v]))
// Another build to measure (e.g. an older commit exported with `git archive` and built there): its server.js.
const SERVER_JS = process.env.BENCH_HTTP_SERVER_JS || join(root, 'build', 'server.js')
const SUBMITTERS = MIX_SECONDS > 0 ? Math.ceil((MIX_SECONDS + MIX_WARMUP) * SUBMITS_PER_S) : 0
const MIX_SAVERS = MIX_SECONDS > 0 ? MIX_N : 0
const SECRET = 'bench-http-session-secret-0123456789-abcdefghijklmnop'
const log = (...args) => console.error('[bench:http]', ...args)
const git = (args) => {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function runToEnd(command, args, env, { capture = false, onChild = null } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] })
    onChild?.(child)
    let out = ''
    if (capture) child.stdout.setEncoding('utf8').on('data', (s) => (out += s))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))))
  })
}

const children = []
function startProcess(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH, TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (s) => (output += s))
  child.stderr.setEncoding('utf8').on('data', (s) => (output += s))
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const proc = { name, child, exited, output: () => output }
  children.push(proc)
  return proc
}

async function waitHealthy(url, proc) {
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${proc.name} exited:\n${proc.output()}`)
    const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0)
    if (status === 200) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} not healthy within 180 s:\n${proc?.output() ?? ''}`)
}

async function stopAll() {
  for (const proc of children.reverse()) {
    if (proc.child.exitCode === null && proc.child.signalCode === null) {
      proc.child.kill(proc.name === 'nginx' ? 'SIGQUIT' : 'SIGTERM')
      const timer = setTimeout(() => proc.child.kill('SIGKILL'), 20_000)
      await proc.exited
      clearTimeout(timer)
    }
  }
}

async function main() {
  const startedAt = new Date()
  const load0 = loadavg()
  if (!existsSync(join(root, 'build', 'server.js'))) {
    log('no build: running npm run build')
    await runToEnd('npm', ['run', 'build'], {})
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'fund-bench-http-'))
  const name = `fund_bench_http_${process.pid}_${Date.now().toString(36)}`
  const admin = connect(serverUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const u = new URL(serverUrl)
  u.pathname = `/${name}`
  const databaseUrl = u.toString()
  const db = connect(databaseUrl, { max: 2, onnotice: () => {} })
  try {
    const portalEnv = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      SESSION_SECRET: SECRET,
      SEED_DEMO: 'never',
      PASSWORD_SCRYPT_LOG_N: '14',
      RATE_LIMIT_LOGIN: '1000000',
      RATE_LIMIT_LOGIN_ACCOUNT: '1000000',
    }
    await runToEnd(process.execPath, [SERVER_JS, 'migrate'], { ...portalEnv, APP_URL: 'http://127.0.0.1' })

    // Seed through the modules (bundled like bench/run.mjs bundles its benchmarks).
    const seedFile = here('./.build/http-seed.mjs')
    await build({ entryPoints: [here('./http-seed.ts')], outfile: seedFile, ...nodeBundle, sourcemap: false })
    const t0 = performance.now()
    const seeded = JSON.parse(await runToEnd(process.execPath, [seedFile, databaseUrl, String(N + MIX_SAVERS + SUBMITTERS), dataDir], {}, { capture: true }))
    const seedMs = performance.now() - t0
    log(`seeded ${N + MIX_SAVERS + SUBMITTERS} applicants in ${Math.round(seedMs / 1000)} s`)

    // The portal: one instance on its own, or INSTANCES behind nginx (round robin, keep-alive upstream).
    const ports = []
    for (let i = 0; i < INSTANCES; i++) ports.push(await freePort())
    const proxyPort = INSTANCES > 1 ? await freePort() : null
    const appUrl = `http://127.0.0.1:${proxyPort ?? ports[0]}`
    const portals = ports.map((port, i) =>
      startProcess(`portal-${i + 1}`, [...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, ...(PROFILE_INTERVAL ? [`--cpu-prof-interval=${PROFILE_INTERVAL}`] : [])] : []), SERVER_JS, 'serve'], {
        ...portalEnv,
        PORT: String(port),
        APP_URL: appUrl,
        ...(proxyPort ? { TRUST_PROXY: '1' } : {}),
        ...PORTAL_ENV,
      }),
    )
    for (const [i, p] of portals.entries()) await waitHealthy(`http://127.0.0.1:${ports[i]}`, p)
    if (proxyPort) {
      const prefix = mkdtempSync(join(tmpdir(), 'fund-bench-nginx-'))
      const conf = [
        'daemon off;',
        'master_process off;',
        `pid ${prefix}/nginx.pid;`,
        'error_log stderr warn;',
        'events { worker_connections 2048; }',
        'http {',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${prefix}/${k};`),
        `  upstream fund_portal { ${ports.map((p) => `server 127.0.0.1:${p};`).join(' ')} keepalive 64; }`,
        `  server { listen 127.0.0.1:${proxyPort}; location / { ${readmeLocation().join(' ')} } }`,
        '}',
      ].join('\n')
      writeFileSync(join(prefix, 'nginx.conf'), conf)
      const nginx = spawn(['/usr/sbin/nginx', '/usr/local/sbin/nginx'].find(existsSync) ?? 'nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'inherit', 'inherit'] })
      children.push({ name: 'nginx', child: nginx, exited: new Promise((r) => nginx.once('exit', r)), output: () => '' })
      await waitHealthy(appUrl)
    }
    const barePort = await freePort()
    const bare = SKIP_BARE ? null : startProcess('bare', [here('./bare/server.mjs')], { DATABASE_URL: databaseUrl, SESSION_SECRET: SECRET, PORT: String(barePort) })
    if (bare) await waitHealthy(`http://127.0.0.1:${barePort}`, bare)

    const portalName = INSTANCES > 1 ? `portal ×${INSTANCES} via nginx` : 'portal'
    const applicants = seeded.applicants
    const plan = {
      origin: appUrl,
      signInUrl: appUrl,
      password: seeded.password,
      targets: { [portalName]: appUrl, ...(bare ? { bare: `http://127.0.0.1:${barePort}` } : {}) },
      autosavers: applicants.slice(0, N).map((a) => ({ email: a.email, applicationId: a.applicationId, general: a.general })),
      mixAutosavers: applicants.slice(N, N + MIX_SAVERS).map((a) => ({ email: a.email, applicationId: a.applicationId, general: a.general })),
      submitters: applicants.slice(N + MIX_SAVERS).map((a) => ({ email: a.email, applicationId: a.applicationId, version: a.version })),
      closed: { seconds: SECONDS, warmup: 5, concurrency: C, rounds: ROUNDS, order: bare ? [portalName, 'bare'] : [portalName] },
      mix: MIX_SECONDS > 0 ? { target: portalName, seconds: MIX_SECONDS, warmup: MIX_WARMUP, savesPerS: SAVES_PER_S, submitsPerS: SUBMITS_PER_S } : null,
    }
    const planFile = join(dataDir, 'plan.json')
    const resultFile = join(dataDir, 'result.json')
    writeFileSync(planFile, JSON.stringify(plan))
    const loadDuring = []
    const sampler = setInterval(() => loadDuring.push(loadavg()[0]), 5000)
    const pids = { portals: portals.map((p) => p.child.pid), driver: null }
    const machineSampler = sampleDuringLoad(admin, name, pids)
    await runToEnd(process.execPath, [here('./http-load.mjs'), planFile, resultFile], {}, { onChild: (child) => (pids.driver = child.pid) })
    clearInterval(sampler)
    const pgSamples = await machineSampler.stop()
    const result = JSON.parse(readFileSync(resultFile, 'utf8'))
    const pgWindows = result.mix ? postgresByWindow(pgSamples, result.mix) : []

    // Every acknowledged write, read back: the general section holds the last acknowledged version and text, and
    // its version moved exactly once per acknowledged save (no lost, no duplicated write).
    const rows = await db`SELECT application_id, version, data->>'summary' AS summary FROM application_sections WHERE key = 'general' AND application_id = ANY(${result.acknowledged.map((a) => a.applicationId)}::uuid[])`
    const byId = new Map(rows.map((r) => [r.application_id, r]))
    const initial = new Map([...plan.autosavers, ...plan.mixAutosavers].map((a) => [a.applicationId, a.general]))
    let lost = 0
    let duplicated = 0
    for (const a of result.acknowledged) {
      const row = byId.get(a.applicationId)
      // The section ends with the last acknowledged save, or with a later one that was not acknowledged (it timed
      // out or failed on our side) but landed; each such landing moves the version once more, never twice.
      const last = /\[([^\]]+)\]$/.exec(row?.summary ?? '')?.[1] ?? null
      const unacked = a.unacked ?? []
      const landedLater = last !== null && last !== a.marker && unacked.includes(last)
      if (!row || row.version < a.version || (a.marker && last !== a.marker && !landedLater)) {
        if (lost++ < 3) log(`lost: ${a.applicationId} acknowledged version ${a.version} marker ${a.marker}; the row has version ${row?.version} marker ${last}`)
      }
      else if (landedLater ? row.version > a.version + unacked.length : row.version !== initial.get(a.applicationId) + a.acks) duplicated++
    }
    const submitted = result.mix?.submittedIds ?? []
    const subRows = submitted.length
      ? await db`SELECT a.id, a.status, (SELECT count(*)::int FROM application_events e WHERE e.application_id = a.id AND e.event = 'submit') AS submits FROM applications a WHERE a.id = ANY(${submitted}::uuid[])`
      : []
    // How PostgreSQL wrote the hot tables' rows: an update that stays on its page (HOT) writes no index entry.
    const tables = await db`SELECT relname, n_tup_upd::int AS updates, n_tup_hot_upd::int AS hot, n_dead_tup::int AS dead, autovacuum_count::int AS autovacuums,
      pg_relation_size(relid)::float8 AS bytes FROM pg_stat_user_tables WHERE relname IN ('applications', 'application_sections', 'sessions') ORDER BY relname`
    const submitLost = submitted.length - subRows.filter((r) => r.status === 'submitted').length
    const submitDup = subRows.filter((r) => r.submits !== 1).length
    const acked = result.acknowledged.reduce((n, a) => n + a.acks, 0)
    log(`read back ${acked} acknowledged autosaves (${lost} lost, ${duplicated} not once) and ${submitted.length} submissions (${submitLost} lost, ${submitDup} not once)`)

    // The report.
    const portalRuns = result.closed.filter((r) => r.target === portalName)
    const bareRuns = result.closed.filter((r) => r.target === 'bare')
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    const portalRate = median(portalRuns.map((r) => r.perSecond))
    const bareRate = bareRuns.length ? median(bareRuns.map((r) => r.perSecond)) : null
    const ratio = bareRate ? Math.round((portalRate / bareRate) * 100) / 100 : null
    const mix = result.mix
    const targets = [
      ['autosave throughput ≥ 0.5 × bare (closed loop, medians)', ratio === null ? 'not measured' : ratio >= 0.5 ? `met (${ratio})` : `MISSED (${ratio})`],
      ...(mix
        ? [
            ['mix p99 < 300 ms (autosave)', mix.autosave.p99 < 300 ? `met (${mix.autosave.p99} ms)` : `MISSED (${mix.autosave.p99} ms)`],
            ['mix p99 < 300 ms (submission)', mix.submit.p99 < 300 ? `met (${mix.submit.p99} ms)` : `MISSED (${mix.submit.p99} ms)`],
            ['mix 0 errors', mix.autosave.errors + mix.submit.errors === 0 ? 'met' : `MISSED (${mix.autosave.errors} + ${mix.submit.errors})`],
            ['mix rate held (no applicant without a free slot)', mix.autosave.noApplicantFree === 0 ? 'met' : `MISSED (${mix.autosave.noApplicantFree} saves not sent)`],
          ]
        : []),
      ['0 lost or duplicated writes', lost + duplicated + submitLost + submitDup === 0 ? 'met' : `MISSED (${lost} lost, ${duplicated} not once, ${submitLost} submissions lost, ${submitDup} not once)`],
    ]
    const commit = git(['rev-parse', '--short', 'HEAD'])
    const dirty = git(['status', '--porcelain', '--', 'app', 'db', 'server', 'bench', ':!bench/results']) ? '-dirty' : ''
    const date = startedAt.toISOString().slice(0, 10)
    const reportName = process.env.BENCH_NAME ?? `http-${commit}${dirty}${INSTANCES > 1 ? `-x${INSTANCES}` : ''}`
    const conditions = {
      startedAt: startedAt.toISOString(),
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: (await db`SHOW server_version`)[0].server_version,
      // How the portal and the baseline reach it: the URL's host, or the Unix socket it names (?host=/dir).
      connection: new URL(serverUrl).searchParams.get('host')?.startsWith('/') ? `Unix socket in ${new URL(serverUrl).searchParams.get('host')}` : `TCP to ${new URL(serverUrl).host}`,
      loadAverageAtStart: load0.map((x) => Math.round(x * 100) / 100),
      loadAverageDuring: loadDuring.map((x) => Math.round(x * 100) / 100),
      loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
      note: 'one machine for the driver, the portal, the bare baseline, nginx and PostgreSQL; shared with other engineers',
    }
    const settings = { instances: INSTANCES, applicants: N, mixApplicants: MIX_SAVERS, submitters: SUBMITTERS, concurrency: C, secondsPerRun: SECONDS, rounds: ROUNDS, mixSeconds: MIX_SECONDS, mixWarmup: MIX_WARMUP, savesPerS: SAVES_PER_S, submitsPerS: SUBMITS_PER_S, pool: 10 }
    const json = { name: reportName, commit: `${commit}${dirty}`, conditions, settings, seedMs: Math.round(seedMs), signInMs: result.signInMs, closed: result.closed, ratio, portalRate, bareRate, mix: mix && { ...mix, submittedIds: undefined, postgres: pgWindows, checkpoints: pgSamples.checkpoints }, readBack: { acked, lost, duplicated, submissions: submitted.length, submitLost, submitDup }, tables, targets }
    const row = (r) => `| ${r.round + 1} | ${r.target} | ${r.perSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.errors} |`
    const md = [
      `# bench:http — ${reportName} (${date})`,
      '',
      `Commit ${commit}${dirty}. ${INSTANCES > 1 ? `${INSTANCES} portal instances behind nginx (round robin)` : 'One portal instance'}, built server, PostgreSQL ${conditions.postgres} reached by ${conditions.connection}, pool 10 per process.`,
      `Machine: ${conditions.cpus}, ${conditions.memoryGiB} GiB, Node ${conditions.node}; load average at start ${conditions.loadAverageAtStart.join(' / ')}, during (1 min, every 5 s) ${conditions.loadAverageDuring.join(' ')}, at end ${conditions.loadAverageAtEnd.join(' / ')}.`,
      `Everything (load driver, portal, bare baseline${INSTANCES > 1 ? ', nginx' : ''}, PostgreSQL) shares these CPUs, and the machine is shared with other engineers: read the load average before the numbers.`,
      '',
      `${N} applicants autosaving in the closed loop, ${MIX_SAVERS} others in the mix, ${SUBMITTERS} submitting, signed in over HTTP in ${(result.signInMs / 1000).toFixed(1)} s (seeded through the modules in ${Math.round(seedMs / 1000)} s).`,
      '',
      `## Autosave, closed loop (${C} in flight, ${SECONDS} s per run, alternated ${ROUNDS}×)`,
      '',
      '`POST /applications/:id/sections/general?_data=…` (intent=autosave, JSON answer) on the portal; the same request on the bare baseline (`bench/bare/server.mjs`).',
      '',
      '| round | target | req/s | p50 ms | p95 ms | p99 ms | errors |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
      ...result.closed.map(row),
      '',
      `Medians: portal ${portalRate} req/s${bareRate ? `, bare ${bareRate} req/s, ratio **${ratio}**` : ''}.`,
      '',
      ...(mix
        ? [
            `## The deadline mix, open loop (${SAVES_PER_S} autosaves/s + ${SUBMITS_PER_S} submissions/s, ${MIX_SECONDS} s after ${MIX_WARMUP} s warm-up)`,
            '',
            'Latency from each request\'s scheduled time.',
            '',
            '| request | count | p50 ms | p95 ms | p99 ms | max ms | errors |',
            '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
            `| autosave | ${mix.autosave.count} | ${mix.autosave.p50} | ${mix.autosave.p95} | ${mix.autosave.p99} | ${mix.autosave.max} | ${mix.autosave.errors} |`,
            `| submission | ${mix.submit.count} | ${mix.submit.p50} | ${mix.submit.p95} | ${mix.submit.p99} | ${mix.submit.max} | ${mix.submit.errors} |`,
            '',
            `Autosaves by when they were scheduled (each 5 s of the mix: p50 / p99 ms): ${mix.timeline.map((w) => `${w.from}s ${Math.round(w.p50)}/${Math.round(w.p99)}`).join(' · ')}.`,
            '',
            'PostgreSQL in the same 5 s (sampled each second; the whole server, not only the portal\'s database): WAL written, buffers its checkpointer wrote (a checkpoint under way), the vacuums running, and what the portal\'s active connections waited on most.',
            '',
            '| from | autosave p99 ms | WAL MB | checkpoint buffers | vacuum | waits (samples) |',
            '| ---: | ---: | ---: | ---: | --- | --- |',
            ...pgWindows.map((w) => `| ${w.from}s | ${Math.round(mix.timeline.find((t) => t.from === w.from)?.p99 ?? 0)} | ${w.walMB} | ${w.checkpointBuffers} | ${w.vacuums.join(', ') || '–'} | ${w.waits.map(([k, n]) => `${k} ${n}`).join(', ') || '–'} |`),
            '',
            'Where the CPUs went in the same 5 s (% of one core, from /proc; the machine has ' + cpus().length + '): the portal\'s main thread (the one that answers requests), its other threads (receipts\' PDF thread, garbage collection, libuv), the load driver, every PostgreSQL process, everything else on the machine, and the hypervisor\'s steal.',
            '',
            '| from | autosave p99 ms | portal main | portal other (the three busiest) | driver | PostgreSQL | rest | steal |',
            '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
            ...pgWindows.map((w) => `| ${w.from}s | ${Math.round(mix.timeline.find((t) => t.from === w.from)?.p99 ?? 0)} | ${w.cpu.portalMain} | ${w.cpu.portalOther} (${Object.entries(w.cpu.portalThreads ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}) | ${w.cpu.driver} | ${w.cpu.postgres} | ${w.cpu.rest} | ${w.cpu.steal} |`),
            '',
            `Checkpoints during the run (PostgreSQL's log_checkpoints): ${pgSamples.checkpoints.join('; ') || 'none started'}.`,
            '',
            ...(mix.autosave.errorSamples.length || mix.submit.errorSamples.length ? ['Error samples:', '', ...[...mix.autosave.errorSamples, ...mix.submit.errorSamples].map((e) => `- ${e}`), ''] : []),
          ]
        : []),
      '## Read back',
      '',
      `${acked} acknowledged autosaves: ${lost} lost, ${duplicated} applied other than once. ${submitted.length} acknowledged submissions: ${submitLost} lost, ${submitDup} not recorded exactly once.`,
      '',
      `The hot tables at the end (updates; of them on the same page, HOT; dead rows; autovacuums; size): ${tables.map((t) => `${t.relname} ${t.updates} upd, ${t.hot} HOT (${t.updates ? Math.round((100 * t.hot) / t.updates) : 0} %), ${t.dead} dead, ${t.autovacuums} autovacuums, ${Math.round(t.bytes / 1e5) / 10} MB`).join('; ')}.`,
      '',
      '## Targets (docs/quality.md, issue 13)',
      '',
      '| target | result |',
      '| --- | --- |',
      ...targets.map(([t, r]) => `| ${t} | ${r} |`),
      '',
    ].join('\n')
    const resultsDir = here('./results/')
    mkdirSync(resultsDir, { recursive: true })
    writeFileSync(join(resultsDir, `${reportName}-${date}.json`), `${JSON.stringify(json, null, 2)}\n`)
    writeFileSync(join(resultsDir, `${reportName}-${date}.md`), md)
    console.log(md)
  } finally {
    await stopAll()
    await db.end()
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Each second while the load runs, PostgreSQL's activity (the WAL position, the checkpointer's counters, the
 * vacuums under way, the wait events of the bench database's active connections) and the CPUs' (cpuTicks). A queue in the mix can then be
 * laid beside what the database was doing at the time.
 */
function sampleDuringLoad(sql, database, pids) {
  const samples = []
  let timer = null
  let stopped = false
  const once = async () => {
    const [row] = await sql`
      SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS wal,
        (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)::int AS checkpoints,
        (SELECT buffers_checkpoint FROM pg_stat_bgwriter)::float8 AS buffers,
        (SELECT coalesce(json_agg(v.datname || ':' || v.relid), '[]') FROM pg_stat_progress_vacuum v) AS vacuums,
        (SELECT coalesce(json_agg(coalesce(a.wait_event_type || ':' || a.wait_event, 'CPU')), '[]') FROM pg_stat_activity a
          WHERE a.datname = ${database} AND a.state = 'active' AND a.pid <> pg_backend_pid()) AS waits`
    samples.push({ at: Date.now(), wal: row.wal, checkpoints: row.checkpoints, buffers: row.buffers, vacuums: row.vacuums, waits: row.waits, cpu: cpuTicks(pids) })
  }
  const tick = () => {
    timer = setTimeout(() => once().catch(() => {}).finally(() => !stopped && tick()), 1000)
  }
  const startedAt = Date.now()
  tick()
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      // The vacuumed tables' names (a relid is only resolvable in its own database) and the checkpoints' log lines.
      const names = new Map((await sql`SELECT oid::int AS oid, relname FROM pg_class WHERE relkind = 'r'`.catch(() => [])).map((r) => [String(r.oid), r.relname]))
      const nameOf = (v) => {
        const [db, oid] = v.split(':')
        return db === database ? (names.get(oid) ?? oid) : `${db}.${oid}`
      }
      for (const s of samples) s.vacuums = s.vacuums.map(nameOf)
      samples.checkpoints = checkpointLog(startedAt)
      return samples
    },
  }
}

/** The samples summed over each 5 s window of the mix (after its warm-up), as the autosaves' timeline is. */
function postgresByWindow(samples, mix) {
  const start = mix.startedAtMs + mix.warmup * 1000
  const windows = []
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1], samples[i]]
    const w = Math.floor((b.at - start) / 5000)
    if (w < 0 || w >= Math.ceil(mix.seconds / 5)) continue
    const x = (windows[w] ??= { from: w * 5, wal: 0, seconds: 0, cpu: {}, checkpointBuffers: 0, vacuums: new Set(), waits: new Map() })
    x.wal += b.wal - a.wal
    x.seconds += (b.at - a.at) / 1000
    for (const [k, v] of Object.entries(cpuDelta(a.cpu, b.cpu))) x.cpu[k] = (x.cpu[k] ?? 0) + v
    x.checkpointBuffers += b.buffers - a.buffers
    for (const v of b.vacuums) x.vacuums.add(v)
    for (const k of b.waits) x.waits.set(k, (x.waits.get(k) ?? 0) + 1)
  }
  // Clock ticks (USER_HZ, 100 a second on Linux) per second of the window, as % of one core.
  const pct = (x, k) => (x.seconds ? Math.round((x.cpu[k] ?? 0) / x.seconds) : 0)
  const cpuOf = (x) => {
    const own = ['portalMain', 'portalOther', 'driver', 'postgres'].reduce((n, k) => n + pct(x, k), 0)
    const threads = Object.keys(x.cpu).filter((k) => k.startsWith('portal:')).map((k) => [`thread ${k.slice(7)}`, pct(x, k)]).filter(([, v]) => v > 0).sort((p, q) => q[1] - p[1]).slice(0, 3)
    return { portalMain: pct(x, 'portalMain'), portalOther: pct(x, 'portalOther'), driver: pct(x, 'driver'), postgres: pct(x, 'postgres'), rest: Math.max(0, pct(x, 'busy') - own), steal: pct(x, 'steal'), portalThreads: Object.fromEntries(threads) }
  }
  return Array.from(windows, (x, i) => x
    ? { from: x.from, walMB: Math.round(x.wal / 1e5) / 10, checkpointBuffers: x.checkpointBuffers, vacuums: [...x.vacuums], waits: [...x.waits].sort((p, q) => q[1] - p[1]).slice(0, 4), cpu: cpuOf(x) }
    : { from: i * 5, walMB: 0, checkpointBuffers: 0, vacuums: [], waits: [], cpu: {} })
}

/**
 * CPU clock ticks so far, by process (a process that exits between two samples counts in neither): the machine's
 * busy and stolen, the portals' main thread and their other threads (also by thread name), the driver, PostgreSQL.
 */
function cpuTicks(pids) {
  const read = (file) => {
    try {
      return readFileSync(file, 'utf8')
    } catch {
      return null
    }
  }
  // utime + stime of a /proc/<pid>[/task/<tid>]/stat (fields 14 and 15; the name in parentheses may hold spaces).
  const ticks = (file) => {
    const text = read(file)
    if (!text) return 0
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return Number(rest[11]) + Number(rest[12])
  }
  const [cpu] = read('/proc/stat').split('\n')
  const [user, nice, system, , , irq, softirq, steal] = cpu.split(/\s+/).slice(1).map(Number)
  const out = { busy: user + nice + system + irq + softirq, steal, byPid: {} }
  for (const pid of pids.portals) {
    for (const tid of readdirSync(`/proc/${pid}/task`, { throwIfNoEntry: false }) ?? []) {
      // Node names none of its threads: the others are told apart by id (the receipts' PDF thread is one of them).
      const name = tid === String(pid) ? 'portalMain' : `portal:${tid}`
      out.byPid[`${pid}/${tid}`] = { group: name, ticks: ticks(`/proc/${pid}/task/${tid}/stat`) }
    }
  }
  if (pids.driver) out.byPid[pids.driver] = { group: 'driver', ticks: ticks(`/proc/${pids.driver}/stat`) }
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && read(`/proc/${entry}/comm`)?.trim() === 'postgres') out.byPid[entry] = { group: 'postgres', ticks: ticks(`/proc/${entry}/stat`) }
  }
  return out
}

/** Ticks between two samples, by group: processes and threads present in both. */
function cpuDelta(a, b) {
  const out = { busy: b.busy - a.busy, steal: b.steal - a.steal }
  for (const [id, x] of Object.entries(b.byPid)) {
    const before = a.byPid[id]
    if (!before) continue
    out[x.group] = (out[x.group] ?? 0) + x.ticks - before.ticks
    if (x.group.startsWith('portal:')) out.portalOther = (out.portalOther ?? 0) + x.ticks - before.ticks
  }
  return out
}

/** The log_checkpoints lines PostgreSQL wrote since `since` (Debian's log file, if this user can read it). */
function checkpointLog(since) {
  const files = ['/var/log/postgresql/postgresql-15-main.log', ...[16, 17].map((v) => `/var/log/postgresql/postgresql-${v}-main.log`)].filter(existsSync)
  const lines = []
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      const m = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) (\w+) .*?LOG:\s+(checkpoint (?:starting|complete)[^;]*)/.exec(line)
      if (m && Date.parse(`${m[1].replace(' ', 'T')}Z`) >= since) lines.push(`${m[1].slice(11, 19)} ${m[3]}`)
    }
  }
  return lines
}

/** The README's nginx `location /` directives (as tests/http/nginx.ts reads them), on one line each. */
function readmeLocation() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Behind nginx'))
  const block = section.match(/```nginx\n[\s\S]*?\n\s*location \/ \{\n([\s\S]*?)\n\s*\}\n/)
  if (!block) throw new Error('README.md has no "Behind nginx" section with a `location / { … }` block')
  return block[1].split('\n').map((l) => l.trim()).filter(Boolean)
}

main().catch(async (error) => {
  console.error(error)
  for (const p of children) if (p.output()) console.error(`--- ${p.name} ---\n${p.output().slice(-3000)}`)
  await stopAll()
  process.exit(1)
})

// Runs the benchmarks and writes bench/results/<name>-<date>.md (and .json) and bench/results/latest.md;
// <name> is BENCH_NAME, by default bench-<commit>[-dirty] (dirty: app/ or db/ differ from the commit).
//   npm run bench                                   PGlite only
//   BENCH_DATABASE_URL=postgres://… npm run bench   PGlite, then PostgreSQL (a fresh database, dropped after)
// Each benchmark is bundled with esbuild (as server/build.mjs bundles the server: packages external) and run
// in a process of its own with plain node, so it measures the code as production runs it.
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, hostname, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { nodeBundle } from '../server/bundle-options.mjs'

const here = (p) => fileURLToPath(new URL(p, import.meta.url))
const outDir = here('./.build/')
const resultsDir = here('./results/')
mkdirSync(resultsDir, { recursive: true })

async function bundle(name) {
  await build({
    entryPoints: [here(`./${name}.ts`)],
    outfile: `${outDir}${name}.mjs`,
    ...nodeBundle,
  })
  return `${outDir}${name}.mjs`
}

function run(file, env) {
  const json = `${file}.${Date.now()}.json`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', file, '--json', json], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TZ: 'UTC', ...env } })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${file} exited with ${code}`))
      const result = JSON.parse(readFileSync(json, 'utf8'))
      rmSync(json, { force: true })
      resolve(result)
    })
  })
}

const serverUrl = process.env.BENCH_DATABASE_URL
// The machine is shared (other processes may run): the load average says how busy it was.
const loadAvgAtStart = loadavg().map((x) => Math.round(x * 100) / 100)
// What was measured: the commit, and the files under app/ and db/ that differed from it (the benchmarks are
// bundled from the working tree at the start of the run).
function git(args) {
  try {
    return execFileSync('git', args, { cwd: here('..'), encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
}
const code = {
  commit: process.env.BENCH_COMMIT || git(['rev-parse', '--short', 'HEAD']) || 'unknown',
  dirty: git(['status', '--porcelain', '--', 'app', 'db']).split('\n').filter(Boolean).map((l) => l.slice(3)),
}
const results = { receipt: null, rush: [] }
const receiptFile = await bundle('receipt-pdf')
const rushFile = await bundle('deadline-rush')
console.error('receipt-pdf…')
results.receipt = await run(receiptFile, {})
if (process.env.BENCH_SKIP_PGLITE !== '1') {
  console.error('deadline-rush on PGlite…')
  results.rush.push(await run(rushFile, { BENCH_DATABASE_URL: '' }))
}
if (serverUrl) {
  console.error('deadline-rush on PostgreSQL…')
  results.rush.push(await run(rushFile, { BENCH_DATABASE_URL: serverUrl }))
}

// ---- the report ------------------------------------------------------------------------------------------

const now = new Date()
const date = now.toISOString().slice(0, 10)
const name = process.env.BENCH_NAME || `bench-${code.commit.split(' ')[0]}${code.dirty.length ? '-dirty' : ''}`
const cpu = cpus()
const machine = {
  host: hostname(),
  cpu: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
  ramGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAvgAtStart,
  loadAvgAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
}
const ms = (x) => (x === undefined || x === null ? '–' : `${x}`)
const row = (cells) => `| ${cells.join(' | ')} |`
const lines = []
lines.push(`# Benchmarks — ${now.toISOString().replace(/\.\d+Z$/, 'Z')}`, '')
lines.push(
  `Machine: ${machine.cpu}, ${machine.ramGB} GB RAM, Node ${machine.node} (${machine.platform}); load average (1/5/15 min) ${machine.loadAvgAtStart.join(' / ')} at the start, ${machine.loadAvgAtEnd.join(' / ')} at the end — the machine is shared, so other work competes for its ${cpu.length} cores.`,
  '',
)
lines.push(
  `Code: commit ${code.commit}${code.dirty.length ? `, with uncommitted changes to ${code.dirty.length} files under app/ and db/ (${code.dirty.slice(0, 12).join(', ')}${code.dirty.length > 12 ? ', …' : ''})` : ', clean under app/ and db/'}.`,
  '',
)
lines.push('Produced by `npm run bench` (bench/run.mjs); raw numbers in the .json file next to this one. Latencies in ms.', '')

lines.push('## Deadline rush', '')
for (const r of results.rush) {
  const p = r.params
  lines.push(`### ${r.database === 'postgresql' ? `PostgreSQL (${(r.serverVersion ?? '').split(' on ')[0]}), pool ${p.pool}` : 'PGlite (embedded, one connection)'}`, '')
  lines.push(
    `N = ${p.N} applicants (+ ${p.serialSubmits} submitted one at a time first), ${p.concurrency} requests in flight, ${p.savesPerApplicant} autosaves each, ` +
      `${p.conflictPct}% with two writers on one section, ${p.doubleSubmitPct}% double submits. Setup: migrate ${r.setup.migrateMs} ms, seed ${Math.round(r.setup.seedMs / 1000)} s.`,
    '',
  )
  lines.push(row(['operation', 'count', 'throughput /s', 'p50', 'p95', 'p99', 'max', 'app CPU ms/op']), row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']))
  lines.push(row(['autosave (load as member + saveSection, draft)', r.autosave.count, r.autosave.perSecond, r.autosave.p50, r.autosave.p95, r.autosave.p99, r.autosave.max, r.autosave.cpuMsPerOp]))
  lines.push(row(['autosave, bare baseline (same SQL, raw)', r.autosaveBare.count, r.autosaveBare.perSecond, r.autosaveBare.p50, r.autosaveBare.p95, r.autosaveBare.p99, r.autosaveBare.max, r.autosaveBare.cpuMsPerOp]))
  lines.push(row(['two writers, same version (each save)', r.conflicts.latency.count, '–', r.conflicts.latency.p50, r.conflicts.latency.p95, r.conflicts.latency.p99, r.conflicts.latency.max, '–']))
  lines.push(row(['save and complete (full checks)', r.saveComplete.count, r.saveComplete.perSecond, r.saveComplete.p50, r.saveComplete.p95, r.saveComplete.p99, r.saveComplete.max, '–']))
  lines.push(row(['submit, one at a time', r.submitSerial.count, r.submitSerial.perSecond, r.submitSerial.p50, r.submitSerial.p95, r.submitSerial.p99, r.submitSerial.max, r.submitSerial.cpuMsPerOp]))
  lines.push(row([`submit, rush (${r.submitRush.requests} requests for ${r.submitRush.applications} applications)`, r.submitRush.requests, r.submitRush.perSecond, r.submitRush.p50, r.submitRush.p95, r.submitRush.p99, r.submitRush.max, `${r.submitRush.cpuMsPerOp} per application`]))
  for (const m of r.mixes ?? []) {
    const label = m.submit ? `${m.autosave.targetPerSecond} autosaves/s + ${m.submit.targetPerSecond} submits/s` : `${m.autosave.targetPerSecond} autosaves/s alone`
    const rate = (n) => Math.round((n / (m.wallMs / 1000)) * 10) / 10
    lines.push(row([`open loop ${m.seconds} s, ${label}: autosave`, m.autosave.count, rate(m.autosave.count), m.autosave.p50, m.autosave.p95, m.autosave.p99, m.autosave.max, '–']))
    if (m.submit) lines.push(row([`open loop ${m.seconds} s, ${label}: submit`, m.submit.count, rate(m.submit.count), m.submit.p50, m.submit.p95, m.submit.p99, m.submit.max, '–']))
  }
  lines.push('')
  for (const m of r.mixes ?? []) {
    lines.push(
      `Open loop (${m.submit ? 'with submissions' : 'autosaves alone'}): latency counts from each request's scheduled start; ${m.seconds} s of arrivals took ${m.wallMs} ms to answer; ` +
        `errors ${m.autosave.errors + (m.submit?.errors ?? 0)}; autosaves not sent because that applicant's previous one was still pending: ${m.autosave.skippedBusy}.`,
      '',
    )
  }
  const c = r.checks
  const ok = (b) => (b ? '✔' : '✘')
  lines.push(
    `Checks: ${ok(c.submitted === c.expected)} ${c.submitted}/${c.expected} submitted; ${ok(c.uniqueReferences === c.expected)} ${c.uniqueReferences} unique references, ` +
      `${ok(c.gapFreeFrom1)} gap-free from 1; ${ok(c.oneEmailPerApplication)} ${c.confirmationEmails} confirmation e-mails (one per application, receipt attached, ≈ ${Math.round(c.avgAttachmentJsonBytes / 1024)} KB base64 each); ` +
      (c.confirmationsSentWithReceipt === undefined
        ? ''
        : `${ok(c.confirmationsSentWithReceipt === c.expected)} ${c.confirmationsSentWithReceipt} sent with the receipt drawn by the outbox worker after the commit, the last ${c.mailDrainedMsAfterRush} ms after the rush's last answer; `) +
      `${ok(c.doublesAnsweredAlready === c.doubleSubmits)} ${c.doublesAnsweredAlready}/${c.doubleSubmits} double submits answered \`already: true\`; ` +
      `${ok(r.conflicts.lostOrWrong === 0)} ${r.conflicts.refusedNotOverwritten}/${r.conflicts.pairs} concurrent writers refused (409), not overwritten; ` +
      `${ok(r.readBack.unreadable === 0)} ${r.readBack.applicants - r.readBack.unreadable}/${r.readBack.applicants} last acknowledged saves read back; ${ok(c.errors === 0)} ${c.errors} errors.`,
    '',
  )
  if (c.errorSamples?.length) lines.push('Errors (first ones):', '', ...c.errorSamples.map((e) => `- \`${e.slice(0, 300)}\``), '')
  const lw = r.submitRush.lockWaiters
  lines.push(
    `Rush: one submission completed every ${r.submitRush.msPerSubmission} ms on average (wall ${r.submitRush.wallMs} ms / ${r.submitRush.applications}); ` +
      `uncontended, one takes ${r.submitSerial.mean} ms (mean).` +
      (lw ? ` Sessions waiting on a lock, sampled every 20 ms: mean ${lw.mean}, max ${lw.max} (of pool ${p.pool}).` : ''),
    '',
  )
}

const rc = results.receipt
lines.push('## Receipt PDF', '')
lines.push(row(['measure', 'value']), row(['---', '---:']))
lines.push(row(['cold (first render in the process, fonts read)', `${rc.coldMs} ms`]))
lines.push(row([`warm mean / p50 / p95 / p99 (${rc.warm.count} renders)`, `${rc.warm.mean} / ${rc.warm.p50} / ${rc.warm.p95} / ${rc.warm.p99} ms`]))
lines.push(row(['warm renders per second (one core)', rc.warmPerSecond]))
lines.push(row(['CPU per render', `${rc.cpuMsPerRender} ms`]))
lines.push(row(['size min / mean / max', `${rc.sizeKB.min} / ${rc.sizeKB.mean} / ${rc.sizeKB.max} KB`]))
lines.push('')

const reading = process.env.BENCH_READING_FILE ? readFileSync(process.env.BENCH_READING_FILE, 'utf8') : null
lines.push('## Reading against docs/quality.md', '')
lines.push(reading ?? readingOf(results))
lines.push('')

function readingOf({ rush, receipt }) {
  const out = []
  out.push('Targets (quality.md, "Performance"): the autosave + submit mix of 10,000 applicants — ≈ 333 autosaves/s plus 20 submissions/s — with p99 < 300 ms, 0 errors, every acknowledged write readable afterwards, against a real PostgreSQL server; documents ≤ 20 ms warm and ≤ 60 KB.', '')
  for (const r of rush) {
    const db = r.database === 'postgresql' ? 'PostgreSQL' : 'PGlite'
    const verdict = (v, t, better) => (better === 'high' ? (v >= t ? 'meets' : 'misses') : v <= t ? 'meets' : 'misses')
    out.push(
      `- ${db}: autosave ${r.autosave.perSecond}/s at p99 ${r.autosave.p99} ms (${verdict(r.autosave.perSecond, 333, 'high')} 333/s, ${verdict(r.autosave.p99, 300)} p99 < 300 ms); ` +
        `submissions ${r.submitRush.perSecond}/s at p99 ${r.submitRush.p99} ms (${verdict(r.submitRush.perSecond, 20, 'high')} 20/s, ${verdict(r.submitRush.p99, 300)} p99 < 300 ms); ` +
        `autosave = ${Math.round((r.autosave.perSecond / r.autosaveBare.perSecond) * 100)}% of the bare baseline's throughput (${r.autosave.perSecond / r.autosaveBare.perSecond >= 0.5 ? 'meets' : 'misses'} ≥ 50%, without HTTP on either side; by app CPU per request ${Math.round((r.autosaveBare.cpuMsPerOp / r.autosave.cpuMsPerOp) * 100)}%); ` +
        `${r.checks.errors} errors; ${r.readBack.unreadable} acknowledged saves not read back (closed loop, ${r.params.concurrency} in flight: the capacity of each load alone).`,
    )
    for (const m of r.mixes ?? []) {
      const p99s = [m.autosave.p99, m.submit?.p99 ?? 0]
      const errs = m.autosave.errors + (m.submit?.errors ?? 0)
      out.push(
        `  Open loop at the target rate, ${m.submit ? `${m.autosave.targetPerSecond} autosaves/s + ${m.submit.targetPerSecond} submissions/s` : `${m.autosave.targetPerSecond} autosaves/s alone`} for ${m.seconds} s: ` +
          `autosave p99 ${m.autosave.p99} ms${m.submit ? `, submit p99 ${m.submit.p99} ms` : ''} — ${Math.max(...p99s) < 300 && errs === 0 ? 'meets' : 'misses'} p99 < 300 ms with 0 errors.`,
      )
    }
  }
  out.push(`- Receipt: ${receipt.warm.mean} ms warm (target ≤ 20 ms: ${receipt.warm.mean <= 20 ? 'meets' : 'misses'}), ${receipt.sizeKB.mean} KB (≤ 60 KB: ${receipt.sizeKB.max <= 60 ? 'meets' : 'misses'}).`)
  return out.join('\n')
}

const md = lines.join('\n')
const base = `${resultsDir}${name}-${date}`
writeFileSync(`${base}.md`, md)
writeFileSync(`${base}.json`, JSON.stringify({ machine, code, date: now.toISOString(), ...results }, null, 2))
writeFileSync(`${resultsDir}latest.md`, md)
console.log(md)
console.error(`\nwritten: ${base}.md, ${base}.json, ${resultsDir}latest.md`)

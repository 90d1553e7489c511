// The HTTP benchmark's load driver, a process of its own (so that its work is not counted in the servers'):
// keep-alive node:http clients against the built portal and the bare baseline.
//   node bench/http-load.mjs <plan.json> <result.json>
// The plan (written by bench/http.mjs): { targets: {name: baseUrl}, origin, password, autosavers: [{email,
// applicationId, general}], mixAutosavers: [the same, for the mix], submitters: [{email, applicationId, version}], closed: {seconds, concurrency,
// rounds, order: [names]}, mix: {target, seconds, warmup, savesPerS, submitsPerS} }.
import { readFileSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'

const [planFile, resultFile] = process.argv.slice(2)
const plan = JSON.parse(readFileSync(planFile, 'utf8'))
const agent = new Agent({ keepAlive: true, maxSockets: 512 })
const AUTOSAVE_ROUTE = encodeURIComponent('routes/applications.$id.sections.$key')
const log = (...args) => console.error('[bench:http load]', ...args)

function send(baseUrl, method, path, headers, body) {
  const url = new URL(path, baseUrl)
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: { ...headers, ...(body ? { 'Content-Length': Buffer.byteLength(body) } : {}) } },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.setTimeout(30_000, () => req.destroy(new Error('timeout after 30 s')))
    req.on('error', reject)
    req.end(body)
  })
}

async function pool(items, concurrency, fn) {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await fn(items[next++])
  }))
}

/** Signs every applicant in through the login form; keeps the session cookie. */
async function signIn(baseUrl, applicants) {
  const t0 = performance.now()
  await pool(applicants, 4, async (a) => {
    const res = await send(baseUrl, 'POST', '/login', { 'Content-Type': 'application/x-www-form-urlencoded', Origin: plan.origin }, new URLSearchParams({ email: a.email, password: plan.password }).toString())
    const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('__session='))
    if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${a.email}: ${res.status} ${res.body.slice(0, 200)}`)
    a.cookie = cookie.split(';')[0]
  })
  return performance.now() - t0
}

const PARAGRAPH = 'Sấy cà phê nhân bằng năng lượng mặt trời kết hợp bơm nhiệt, giữ độ ẩm 12,5% và hương vị đặc trưng của cà phê Buôn Ma Thuột. '
let sequence = 0
/** What the general section's autosave posts (≈ 1.4 KB), different each time; the marker is read back at the end. */
function autosaveBody(a) {
  const marker = `${a.applicationId.slice(0, 8)}#${++sequence}`
  const body = new URLSearchParams({
    intent: 'autosave',
    baseVersion: String(a.general),
    title: 'Sấy cà phê bằng năng lượng mặt trời',
    priority_field: 'renewable_energy',
    duration_months: '18',
    summary: `${PARAGRAPH.repeat(8)}[${marker}]`,
  }).toString()
  return { body, marker }
}

/** One autosave of the applicant's general section; records the acknowledged version. */
async function autosave(baseUrl, a, stats) {
  const { body, marker } = autosaveBody(a)
  // Until it is acknowledged, this save may still land (a timeout on our side is not a refusal on the server's):
  // the read-back accepts it as the section's last text, but never counts it as acknowledged.
  ;(a.unacked ??= []).push(marker)
  const res = await send(baseUrl, 'POST', `/applications/${a.applicationId}/sections/general?_data=${AUTOSAVE_ROUTE}`, { 'Content-Type': 'application/x-www-form-urlencoded', Origin: plan.origin, Cookie: a.cookie }, body)
  if (res.status !== 200) throw new Error(`autosave ${res.status}: ${res.body.slice(0, 200)}`)
  const answer = JSON.parse(res.body)
  if (!answer.saved || answer.saved.version !== a.general + 1) throw new Error(`autosave answered ${res.body.slice(0, 200)}`)
  a.general = answer.saved.version
  a.marker = marker
  a.unacked = []
  a.acks = (a.acks ?? 0) + 1
  stats.acked++
}

function percentiles(values) {
  if (!values.length) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 }
  const s = Float64Array.from(values).sort()
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
  const r = (x) => Math.round(x * 10) / 10
  return { count: s.length, mean: r(s.reduce((x, y) => x + y, 0) / s.length), p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(s[s.length - 1]) }
}

/** Closed loop: `concurrency` workers, each with its own applicants (so no two requests share a version), for `seconds`. */
async function closedLoop(name, baseUrl, seconds, concurrency) {
  const latencies = []
  const stats = { acked: 0, errors: 0, errorSamples: [] }
  const stopAt = performance.now() + seconds * 1000
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      const mine = plan.autosavers.filter((_, i) => i % concurrency === w)
      for (let k = 0; performance.now() < stopAt; k++) {
        const a = mine[k % mine.length]
        const started = performance.now()
        try {
          await autosave(baseUrl, a, stats)
          latencies.push(performance.now() - started)
        } catch (error) {
          stats.errors++
          if (stats.errorSamples.length < 5) stats.errorSamples.push(String(error.message ?? error))
        }
      }
    }),
  )
  const ms = performance.now() - t0
  const result = { target: name, seconds: Math.round(ms) / 1000, concurrency, requests: latencies.length + stats.errors, perSecond: Math.round(((latencies.length) / ms) * 10000) / 10, latencyMs: percentiles(latencies), errors: stats.errors, errorSamples: stats.errorSamples }
  log(`${name}: ${result.perSecond} req/s, p50 ${result.latencyMs.p50} p99 ${result.latencyMs.p99} ms, ${result.errors} errors`)
  return result
}

/**
 * Open loop: autosaves and submissions arrive on a schedule whatever the answers; each request's latency is
 * counted from its scheduled time (so a server that falls behind is charged for the queue). An autosave goes to
 * the next applicant with no save in flight.
 */
async function openLoop(baseUrl, { seconds, warmup, savesPerS, submitsPerS }) {
  const free = [...(plan.mixAutosavers.length ? plan.mixAutosavers : plan.autosavers)]
  const submitters = [...plan.submitters]
  const saves = { latencies: [], errors: 0, errorSamples: [], noApplicantFree: 0 }
  const submits = { latencies: [], errors: 0, errorSamples: [], acked: [] }
  const inFlight = new Set()
  const total = seconds + warmup
  const t0 = performance.now()
  const startedAtMs = Date.now() // the wall clock at t0: bench/http.mjs lines PostgreSQL's samples up with the windows
  const events = []
  for (let i = 0; i < total * savesPerS; i++) events.push({ at: (i / savesPerS) * 1000, kind: 'save' })
  for (let i = 0; i < total * submitsPerS && i < submitters.length; i++) events.push({ at: (i / submitsPerS) * 1000 + 17, kind: 'submit' })
  events.sort((x, y) => x.at - y.at)
  const counted = (at) => at >= warmup * 1000
  // The autosaves' latencies by the 5 s of the mix they were scheduled in: when a queue forms, and how long it lasts.
  const timeline = []
  const second = (at) => (timeline[Math.floor((at - warmup * 1000) / 5000)] ??= [])
  for (const event of events) {
    const wait = t0 + event.at - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    const scheduled = t0 + event.at
    if (event.kind === 'save') {
      const a = free.shift()
      if (!a) {
        if (counted(event.at)) saves.noApplicantFree++
        continue
      }
      const p = autosave(baseUrl, a, { acked: 0 })
        .then(
          () => {
            if (!counted(event.at)) return
            saves.latencies.push(performance.now() - scheduled)
            second(event.at).push(performance.now() - scheduled)
          },
          (error) => {
            if (!counted(event.at)) return
            saves.errors++
            if (saves.errorSamples.length < 5) saves.errorSamples.push(String(error.message ?? error))
          },
        )
        .finally(() => {
          free.push(a)
          inFlight.delete(p)
        })
      inFlight.add(p)
    } else {
      const s = submitters.shift()
      const p = send(baseUrl, 'POST', `/applications/${s.applicationId}/check`, { 'Content-Type': 'application/x-www-form-urlencoded', Origin: plan.origin, Cookie: s.cookie }, new URLSearchParams({ version: String(s.version) }).toString())
        .then((res) => {
          if (res.status !== 302 || !String(res.headers.location).endsWith('/confirmation')) throw new Error(`submit ${res.status} → ${res.headers.location}: ${res.body.slice(0, 200)}`)
          submits.acked.push(s.applicationId)
          if (counted(event.at)) submits.latencies.push(performance.now() - scheduled)
        })
        .catch((error) => {
          submits.errors++
          if (submits.errorSamples.length < 5) submits.errorSamples.push(String(error.message ?? error))
        })
        .finally(() => inFlight.delete(p))
      inFlight.add(p)
    }
  }
  await Promise.all([...inFlight])
  const result = {
    startedAtMs,
    seconds,
    warmup,
    savesPerS,
    submitsPerS,
    autosave: { ...percentiles(saves.latencies), errors: saves.errors, errorSamples: saves.errorSamples, noApplicantFree: saves.noApplicantFree },
    timeline: Array.from(timeline, (xs, i) => ({ from: i * 5, ...percentiles(xs ?? []) })),
    submit: { ...percentiles(submits.latencies), errors: submits.errors, errorSamples: submits.errorSamples },
    submittedIds: submits.acked,
  }
  log(`mix: autosave p99 ${result.autosave.p99} ms (${result.autosave.count}, ${result.autosave.errors} errors), submit p99 ${result.submit.p99} ms (${result.submit.count}, ${result.submit.errors} errors)`)
  return result
}

async function main() {
  const out = { signInMs: 0, closed: [], mix: null }
  const everyone = [...plan.autosavers, ...plan.mixAutosavers, ...plan.submitters]
  out.signInMs = Math.round(await signIn(plan.signInUrl, everyone))
  log(`signed ${everyone.length} applicants in over HTTP in ${out.signInMs} ms`)
  // Warm both (JIT, pools), not counted.
  for (const name of plan.closed.order) await closedLoop(`${name} (warm-up)`, plan.targets[name], plan.closed.warmup, plan.closed.concurrency)
  for (let round = 0; round < plan.closed.rounds; round++) {
    for (const name of plan.closed.order) out.closed.push({ round, ...(await closedLoop(name, plan.targets[name], plan.closed.seconds, plan.closed.concurrency)) })
  }
  if (plan.mix) out.mix = await openLoop(plan.targets[plan.mix.target], plan.mix)
  out.acknowledged = [...plan.autosavers, ...plan.mixAutosavers].map((a) => ({ applicationId: a.applicationId, version: a.general, marker: a.marker ?? null, acks: a.acks ?? 0, unacked: a.unacked ?? [] }))
  writeFileSync(resultFile, JSON.stringify(out))
  agent.destroy()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

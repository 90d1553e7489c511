import { execFileSync } from 'node:child_process'
import { cpus, loadavg, totalmem } from 'node:os'

// Small helpers shared by the benchmarks: a bounded pool of in-flight work, a stopwatch and percentiles, and what
// was measured on what.

/** Runs `fn` over `items` with at most `concurrency` calls in flight (a closed loop: each worker starts the next item when one ends). */
export async function runPool<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<number> {
  const started = performance.now()
  let next = 0
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++
      await fn(items[i], i)
    }
  })
  await Promise.all(workers)
  return performance.now() - started
}

/** Times one call; pushes its duration (ms) into `into`. */
export async function timed<R>(into: number[], fn: () => Promise<R>): Promise<R> {
  const t0 = performance.now()
  try {
    return await fn()
  } finally {
    into.push(performance.now() - t0)
  }
}

export interface Summary {
  count: number
  mean: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** Nearest-rank percentiles of a list of durations in ms. */
export function summarize(values: number[]): Summary {
  if (!values.length) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 }
  const s = [...values].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
  const r = (x: number) => Math.round(x * 100) / 100
  return { count: s.length, mean: r(s.reduce((a, b) => a + b, 0) / s.length), p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), max: r(s[s.length - 1]) }
}

export const perSecond = (count: number, ms: number) => Math.round((count / (ms / 1000)) * 10) / 10

export function intEnv(name: string, fallback: number): number {
  const v = process.env[name]
  if (v === undefined || v === '') return fallback
  const n = Number(v)
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${v}`)
  return n
}

/** Writes the result as JSON to the file given by --json <file> (run.mjs reads it), and prints it. */
export async function emit(result: unknown) {
  const i = process.argv.indexOf('--json')
  const text = JSON.stringify(result, null, 2)
  if (i > 0 && process.argv[i + 1]) {
    const { writeFile } = await import('node:fs/promises')
    await writeFile(process.argv[i + 1], text)
  } else {
    console.log(text)
  }
}

/** CPU time (user + system, ms) this process has used: unlike wall time, not inflated by other work on the machine. */
export function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

export const perOp = (ms: number, count: number) => (count ? Math.round((ms / count) * 100) / 100 : 0)

/** The commit measured, and whether the code under `paths` differs from it (the result then says so). */
export function codeVersion(paths: readonly string[] = ['app', 'db', 'server']): { commit: string; dirty: boolean } {
  const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim()
  let commit = 'unknown'
  let dirty = false
  try {
    commit = git(['rev-parse', '--short', 'HEAD'])
    dirty = git(['status', '--porcelain', '--', ...paths]).length > 0
  } catch {
    // not a git checkout: the result says "unknown"
  }
  return { commit, dirty }
}

/** The 1/5/15-minute load averages, "0.42 0.80 1.10": the machine is shared, so every result records them. */
export const loadAverage = () => loadavg().map((x) => x.toFixed(2)).join(' ')

/** What the numbers were measured on. */
export const machine = () => ({ cpus: cpus().length, model: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version })

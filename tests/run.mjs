#!/usr/bin/env node
// `npm test`: every test of the portal, in order.
//   1. unit + integration (vitest.config.ts; on PostgreSQL when TEST_DATABASE_URL is set, else PGlite)
//   2. the production build (`npm run build`)
//   3. HTTP tests against the built server (tests/http)
//   4. browser tests against the built server (tests/e2e), when a Chromium is installed
// Exits non-zero if any phase fails. Without Chromium the browser tests are skipped with a loud banner,
// and with CI=true that is a failure. The last line is the total: "N passed, M failed".

import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs')
const resultsDir = mkdtempSync(join(tmpdir(), 'fund-test-results-'))
const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '')

/** @typedef {{ name: string, passed: number, failed: number, skipped: number, ok: boolean, note?: string }} Phase */
/** @type {Phase[]} */
const phases = []

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

function heading(text) {
  console.log(`\n${'═'.repeat(100)}\n  ${text}\n${'═'.repeat(100)}`)
}

/** Runs vitest with the JSON reporter next to the default one and counts the results. */
async function vitestPhase(name, args, env = {}) {
  heading(name)
  const output = join(resultsDir, `${phases.length}.json`)
  const code = await run(process.execPath, [vitestBin, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`, ...args], env)
  let passed = 0
  let failed = 0
  let skipped = 0
  let note
  let failures = []
  if (existsSync(output)) {
    const report = JSON.parse(readFileSync(output, 'utf8'))
    passed = report.numPassedTests ?? 0
    failed = report.numFailedTests ?? 0
    skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
    failures = failuresOf(report)
    // A failing hook or an error outside any test fails a file without failing a test: count it.
    if (code !== 0 && failed === 0) {
      failed = Math.max(1, report.numFailedTestSuites ?? 0)
      note = 'failed outside the tests (a hook, an unhandled error, or no test files)'
    }
  } else if (code !== 0) {
    failed = 1
    note = 'vitest failed before reporting any result'
  }
  phases.push({ name, passed, failed, skipped, ok: code === 0, note, failures })
  return code === 0
}

/** The failed tests (and failed files) of a vitest JSON report: where and the first line of why. */
function failuresOf(report) {
  const list = []
  for (const file of report.testResults ?? []) {
    const where = file.name ? file.name.replace(root, '') : '?'
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed')
    for (const t of failedTests) {
      const why = String((t.failureMessages ?? [])[0] ?? '').split('\n')[0].slice(0, 300)
      list.push(`${where} > ${t.fullName ?? t.title}: ${why}`)
    }
    if (failedTests.length === 0 && file.status === 'failed') list.push(`${where}: ${String(file.message ?? '').split('\n')[0].slice(0, 300)}`)
  }
  return list
}

function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null
  return ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p)) ?? null
}

function banner(lines) {
  const width = Math.max(...lines.map((l) => l.length)) + 8
  const bar = '!'.repeat(width)
  console.log(`\n${bar}\n${bar}`)
  for (const line of lines) console.log(`!!! ${line.padEnd(width - 8)} !!!`)
  console.log(`${bar}\n${bar}\n`)
}

// 1. Unit and integration tests.
await vitestPhase(`Unit and integration tests (${process.env.TEST_DATABASE_URL ? 'PostgreSQL: TEST_DATABASE_URL' : 'embedded PGlite'})`, [])

// 2. The build the next phases run.
heading('Production build (npm run build)')
const built = (await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'])) === 0
phases.push({ name: 'Production build', passed: 0, failed: built ? 0 : 1, skipped: 0, ok: built, note: built ? undefined : 'npm run build failed' })

if (!built) {
  phases.push({ name: 'HTTP tests', passed: 0, failed: 0, skipped: 0, ok: false, note: 'not run: the build failed' })
  phases.push({ name: 'Browser tests', passed: 0, failed: 0, skipped: 0, ok: false, note: 'not run: the build failed' })
} else {
  // 3. HTTP tests against the built server.
  await vitestPhase('HTTP tests against the built server (tests/http)', ['--config', 'vitest.e2e.config.ts', 'tests/http'])

  // 4. Browser tests, when there is a browser.
  const chromium = findChromium()
  if (chromium) {
    await vitestPhase(`Browser tests against the built server (tests/e2e, ${chromium})`, ['--config', 'vitest.e2e.config.ts', 'tests/e2e'], {
      CHROMIUM_PATH: chromium,
    })
  } else {
    banner([
      'BROWSER TESTS SKIPPED: no Chromium found.',
      `Looked at CHROMIUM_PATH (${process.env.CHROMIUM_PATH ? process.env.CHROMIUM_PATH : 'not set'}), /usr/lib/chromium/chromium, /usr/bin/chromium.`,
      'The accessibility (axe), no-JavaScript and mail-link journeys in tests/e2e did NOT run.',
      'Install it with: apt-get install -y chromium   (never `npx playwright install`)',
      ci ? 'CI=true: a missing browser is a FAILURE.' : 'Outside CI this is allowed, but the suite is incomplete.',
    ])
    phases.push({ name: 'Browser tests', passed: 0, failed: ci ? 1 : 0, skipped: 0, ok: !ci, note: 'SKIPPED: no Chromium' })
  }
}

rmSync(resultsDir, { recursive: true, force: true })

heading('Summary')
for (const p of phases) {
  const counts = p.name === 'Production build' ? '' : `${p.passed} passed, ${p.failed} failed${p.skipped ? `, ${p.skipped} skipped` : ''}`
  console.log(`  ${p.ok ? 'ok  ' : 'FAIL'}  ${p.name}${counts ? `: ${counts}` : ''}${p.note ? ` (${p.note})` : ''}`)
  for (const f of p.failures ?? []) console.log(`          ✗ ${f}`)
}
const passed = phases.reduce((n, p) => n + p.passed, 0)
const failed = phases.reduce((n, p) => n + p.failed, 0)
const ok = phases.every((p) => p.ok)
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(ok ? 0 : 1)

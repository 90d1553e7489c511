import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { createDb, type DatabaseHandle } from '../db'
import { currentMigration, migrateDown, migrateToLatest } from '../db/migrate'
import { DEMO_ACCOUNTS, DEMO_EXPERTS, demoAccountsTable, isEmpty, seedDemo } from '../db/seed'
import { type Env, parseEnv } from '../app/config/env.server'
import { pruneExpiredSessions, pruneRateLimits } from '../app/modules/auth'
import { uploadStorage } from '../app/modules/applications'
import { backupCommand, restoreCommand } from '../app/modules/backup'
import { startJobWorker } from '../app/modules/decisions'
import { startExportWorker } from '../app/modules/transparency'
import { keptSigning, portalKeys } from '../app/modules/decisions/keys.server'
import { ensureDemoKeys } from '../app/modules/signing'
import { getFundSettings } from '../app/modules/fund'
import { fileTransport, smtpTransport, startOutboxWorker } from '../app/modules/notifications'
import { mailAttachmentRenderers } from '../app/modules/workflow'
import { startReceiptThread } from '../app/modules/documents/thread'
import { startReviewReminders } from '../app/modules/review/meeting'
import { startReportReminders } from '../app/modules/reports'
import { startLoanReminders } from '../app/modules/loans'
import { createApp } from './app'

// The process: configuration, database, migrations, demo data, the mail worker, HTTP, graceful shutdown.

function loadEnv(): Env {
  try {
    return parseEnv(process.env)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}

/** Without SESSION_SECRET one is made once and kept in the data folder (several instances must share one: set it). */
function ensureSessionSecret(env: Env): Env {
  if (env.SESSION_SECRET) return env
  if (env.NODE_ENV === 'production' && env.APP_URL.startsWith('https://')) {
    console.error('Invalid configuration: SESSION_SECRET is required when the portal is served over https.')
    process.exit(1)
  }
  const file = resolve(env.DATA_DIR, 'session-secret')
  mkdirSync(env.DATA_DIR, { recursive: true })
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 })
  return { ...env, SESSION_SECRET: readFileSync(file, 'utf8').trim() }
}

async function openDatabase(env: Env): Promise<DatabaseHandle> {
  return createDb({ url: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR, 'pglite') })
}

async function prepare(env: Env, database: DatabaseHandle) {
  const applied = await migrateToLatest(database.db)
  if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`)
  if (env.SEED_DEMO === 'auto' && (await isEmpty(database.db))) {
    await seedDemo(database.db, { password: env.DEMO_PASSWORD, scryptLogN: env.PASSWORD_SCRYPT_LOG_N })
    console.log('Demo data seeded: the Đắk Lắk fund, four calls, one account per role and a pool of experts.')
  }
  await prepareDemoKeys(env, database)
}

/**
 * Without the Fund's own key configured (FUND_SIGNING_P12), a portal that is not in production signs with demo
 * certificates: a demo CA, the Fund's and one for each demo person, made once under $DATA_DIR/keys (ADR 017).
 */
async function prepareDemoKeys(env: Env, database: DatabaseHandle) {
  // A portal in production over https refuses demo keys (signing/keys.server.ts): none are made for it.
  if (env.FUND_SIGNING_P12 || (env.NODE_ENV === 'production' && env.APP_URL.startsWith('https://'))) return
  const people = [...DEMO_ACCOUNTS, ...DEMO_EXPERTS].map((a) => ({ email: a.email, name: a.fullName }))
  const made = await ensureDemoKeys(portalKeys(env).config, { fundName: (await getFundSettings(database.db))?.name_vi ?? 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk', people })
  if (made.created) console.log(`Demo signing keys made in ${made.dir}: a demo CA, the Fund's certificate and one for each demo account (not valid for official use).`)
}

function printAccounts(env: Env) {
  console.log('\nDemo accounts (password for all: %s):', env.DEMO_PASSWORD)
  console.log(demoAccountsTable())
}

async function serve() {
  const env = ensureSessionSecret(loadEnv())
  const database = await openDatabase(env)
  await prepare(env, database)

  const buildDir = fileURLToPath(new URL('.', import.meta.url))
  const build = (await import(/* @vite-ignore */ new URL('./server/index.js', import.meta.url).href)) as ServerBuild
  const app = createApp({ env, database, build, clientDir: resolve(buildDir, 'client') })

  const mailDir = resolve(env.DATA_DIR, 'mail')
  const transport = env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : fileTransport(mailDir, env.MAIL_FROM)
  const receipts = startReceiptThread(new URL('./pdf-thread.js', import.meta.url))
  // Fonts loaded and the drawing code compiled now, on the thread, not beside the first submissions of a rush.
  receipts.warm().catch((error) => console.error('[receipts] warm-up:', error instanceof Error ? error.message : error))
  const worker = startOutboxWorker(database.db, transport, {
    pollMs: env.OUTBOX_POLL_MS,
    maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    backoffBaseMs: env.OUTBOX_BACKOFF_BASE_MS,
    leaseSeconds: env.OUTBOX_LEASE_SECONDS,
    // Attachments drawn after the change that queued the mail committed (the submission's receipt), on a thread of
    // their own so that drawing them does not hold up the requests (ADR 028).
    renderers: mailAttachmentRenderers(receipts.draw),
  })
  // Background jobs (issuing all the decisions of a call, decisions/bulk.ts): claimed with a lease
  // (JOBS_LEASE_SECONDS, renewed after each item), so a job left by a process that died is taken up again by
  // any instance once the lease has run out.
  const jobOptions = { pollMs: env.JOBS_POLL_MS, leaseSeconds: env.JOBS_LEASE_SECONDS }
  const jobs = startJobWorker(database.db, uploadStorage(env), { ...jobOptions, appUrl: env.APP_URL, signingFor: (actor) => keptSigning(database.db, env, actor) })
  // Large exports of the Fund's lists (transparency/exports.ts), the same jobs table, their own kind.
  const exportJobs = startExportWorker(database.db, uploadStorage(env), jobOptions)
  // Reviewers' reminders and overdue notices (review/meeting.ts), every 15 minutes; idempotent.
  const reviewReminders = startReviewReminders(database.db, { everyMs: env.REMINDERS_EVERY_MS ?? 15 * 60_000, appUrl: env.APP_URL })
  // Progress reports' reminders before and after their due dates (reports/reminders.ts), hourly; idempotent.
  const reportReminders = startReportReminders(database.db, { everyMs: env.REMINDERS_EVERY_MS ?? 3600_000, appUrl: env.APP_URL })
  // Loan instalments due soon and overdue (loans/reminders.ts), every hour; idempotent.
  const loanReminders = startLoanReminders(database.db, { everyMs: env.REMINDERS_EVERY_MS ?? 60 * 60_000, appUrl: env.APP_URL })
  const housekeeping = setInterval(() => {
    Promise.all([pruneExpiredSessions(database.db), pruneRateLimits(database.db)]).catch((e) =>
      console.error('[housekeeping]', e instanceof Error ? e.message : e),
    )
  }, 3600_000)
  housekeeping.unref()

  const server = app.listen(env.PORT, () => {
    console.log(`\nĐắk Lắk S&T Fund portal: ${env.APP_URL}`)
    console.log(`  database: ${database.kind} (${database.location})`)
    console.log(`  e-mail:   ${transport.kind === 'smtp' ? 'SMTP' : `kept as .eml files in ${mailDir} (no SMTP_URL)`}`)
    if (env.SEED_DEMO === 'auto') printAccounts(env)
  })
  // A kept-alive connection stays open longer than a proxy keeps its idle ones (nginx: 60 s), so the portal never
  // closes one as the proxy sends a request on it (the proxy would answer 502); Node's default is 5 s. The load
  // driver of bench:http met that race as ECONNRESET once a queue had drained.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    console.log(`\n${signal}: shutting down…`)
    clearInterval(housekeeping)
    server.close()
    server.closeIdleConnections?.()
    await reviewReminders.stop()
    await reportReminders.stop()
    await loanReminders.stop()
    await jobs.stop()
    await exportJobs.stop()
    await worker.stop()
    await receipts.close()
    await database.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

async function migrate(direction: 'up' | 'down') {
  const env = loadEnv()
  const database = await openDatabase(env)
  const names = direction === 'up' ? await migrateToLatest(database.db) : await migrateDown(database.db)
  console.log(names.length ? `${direction === 'up' ? 'Applied' : 'Reverted'}: ${names.join(', ')}` : 'Nothing to do.')
  console.log(`Current version: ${(await currentMigration(database.db)) ?? '(none)'} on ${database.kind} (${database.location})`)
  await database.close()
}

async function seed() {
  const env = loadEnv()
  const database = await openDatabase(env)
  await migrateToLatest(database.db)
  if (!(await isEmpty(database.db))) {
    console.log('The database already holds a fund; demo data not added.')
  } else {
    await seedDemo(database.db, { password: env.DEMO_PASSWORD, scryptLogN: env.PASSWORD_SCRYPT_LOG_N })
    console.log('Demo data seeded.')
    printAccounts(env)
  }
  await database.close()
}

const command = process.argv[2] ?? 'serve'
const commands: Record<string, () => Promise<void>> = {
  serve,
  migrate: () => migrate('up'),
  'migrate:down': () => migrate('down'),
  seed,
  // The database, the stored files and the mail in one archive, and back (app/modules/backup).
  backup: async () => {
    const env = loadEnv()
    process.exitCode = await backupCommand(process.argv.slice(3), env, () => openDatabase(env))
  },
  restore: async () => {
    const env = loadEnv()
    process.exitCode = await restoreCommand(process.argv.slice(3), env, () => openDatabase(env))
  },
}
if (!commands[command]) {
  console.error(`Unknown command "${command}". Use one of: ${Object.keys(commands).join(', ')}`)
  process.exit(2)
}
commands[command]().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})

import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDb, type DB } from '../../../db'
import { migrateToLatest } from '../../../db/migrate'
import { isEmpty, seedDemo } from '../../../db/seed'
import { type Env, parseEnv } from '../../../app/config/env.server'
import { createServerDatabase, type ServerDatabase } from './database'
import { type Inbox, type SmtpPeer, startSmtpPeer } from './smtp'

// The built portal (`node build/server.js serve`) as a real process: a free port, a temporary DATA_DIR,
// its own database (embedded PGlite, or a fresh database on TEST_DATABASE_URL's server), demo data, and
// an SMTP peer in this process that receives its mail.

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
export const SERVER_JS = join(ROOT, 'build', 'server.js')
export const DEMO_PASSWORD = 'DakLak-Demo-2026'
export const SESSION_SECRET = 'e2e-session-secret-0123456789-abcdefghijklmnopqrstuvwxyz'

/** What a `prepare` callback gets: the portal's own database, migrated and seeded, and the portal's settings. */
export interface PrepareContext {
  db: DB
  /** The configuration the portal will start with (its DATA_DIR, APP_URL…), parsed as the portal parses it. */
  env: Env
}

export interface PortalOptions<T = undefined> {
  /** Extra or overriding environment for the portal (e.g. RATE_LIMIT_LOGIN). */
  env?: Record<string, string>
  /** How long to wait for /healthz to answer 200 (PGlite creates its database at first start). */
  startTimeoutMs?: number
  /**
   * Data made before the portal starts, so a test can begin where the earlier browser tests left off (a signed
   * contract, say) instead of clicking its way there. The portal's own database (PGlite in its DATA_DIR, or its
   * PostgreSQL database) is opened, migrated and seeded with the demo data as `npm start` does, handed to the
   * callback, and closed; then the portal starts on it (it finds a fund and does not seed again). What the
   * callback returns is `portal.prepared`.
   */
  prepare?: (ctx: PrepareContext) => Promise<T>
}

export interface Portal<T = undefined> {
  /** http://127.0.0.1:<port>, the portal's APP_URL: the same origin the browser and fetch use. */
  url: string
  port: number
  dataDir: string
  databaseKind: 'pglite' | 'postgresql'
  inbox: Inbox
  smtp: SmtpPeer
  /** What the `prepare` option's callback returned. */
  prepared: T
  /** Everything the process printed so far (stdout and stderr, interleaved). */
  output(): string
  /** What the process wrote to stderr: errors it logged. */
  errors(): string
  /** SIGTERM, then everything else goes: the database, the SMTP peer, the data folder. */
  stop(): Promise<ExitStatus>
  /** Kills the process at once (SIGKILL), as a machine that dies; stop() still cleans up. */
  kill(): Promise<void>
}

export interface ExitStatus {
  code: number | null
  signal: NodeJS.Signals | null
  /** True when it had to be killed: it did not stop on SIGTERM. */
  killed: boolean
}

/** Settings the portal reads; none is inherited from the test process's environment. */
const PORTAL_KEYS = /^(NODE_ENV|PORT|APP_URL|DATABASE_URL|DATA_DIR|SESSION_SECRET|SMTP_URL|MAIL_FROM|OUTBOX_.*|JOBS_.*|REMINDERS_EVERY_MS|TRUST_PROXY|SEED_DEMO|DEMO_PASSWORD|RATE_LIMIT_.*|PASSWORD_SCRYPT_LOG_N)$/

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !PORTAL_KEYS.test(key) && !key.startsWith('VITEST') && key !== 'NODE_OPTIONS') env[key] = value
  }
  return env
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The portal exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`)
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })
      last = `${res.status} ${await res.text()}`
      if (res.status === 200) return
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await sleep(150)
  }
  throw new Error(`The portal did not become healthy within ${timeoutMs} ms (last: ${last}):\n${output()}`)
}

/**
 * Opens the portal's database as the process will (db/index.ts, server/main.ts: `$DATA_DIR/pglite` or
 * DATABASE_URL), migrates and seeds it as `npm start` does, runs `prepare` on it and closes it.
 */
async function prepareDatabase<T>(env: NodeJS.ProcessEnv, prepare: (ctx: PrepareContext) => Promise<T>): Promise<T> {
  const parsed = parseEnv(env)
  const handle = await createDb({ url: parsed.DATABASE_URL, dataDir: join(parsed.DATA_DIR, 'pglite'), max: 2 })
  try {
    await migrateToLatest(handle.db)
    if (await isEmpty(handle.db)) await seedDemo(handle.db, { password: parsed.DEMO_PASSWORD, scryptLogN: parsed.PASSWORD_SCRYPT_LOG_N })
    return await prepare({ db: handle.db, env: parsed })
  } finally {
    await handle.close()
  }
}

export async function startPortal<T = undefined>(options: PortalOptions<T> = {}): Promise<Portal<T>> {
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first.`)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const dataDir = await mkdtemp(join(tmpdir(), 'fund-e2e-'))
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dataDir, { recursive: true, force: true })]
  const status: ExitStatus = { code: null, signal: null, killed: false }
  const cleanup = async (): Promise<ExitStatus> => {
    for (const fn of cleanups.reverse()) await fn().catch((e) => console.error('[e2e cleanup]', e))
    cleanups.length = 0
    return status
  }

  try {
    const smtp = await startSmtpPeer()
    cleanups.push(() => smtp.close())

    let database: ServerDatabase | null = null
    const serverUrl = process.env.TEST_DATABASE_URL
    if (serverUrl) {
      database = await createServerDatabase(serverUrl)
      cleanups.push(() => database!.drop())
    }

    const env: NodeJS.ProcessEnv = {
      ...inheritedEnv(),
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: url,
      DATA_DIR: dataDir,
      SMTP_URL: smtp.url,
      SESSION_SECRET,
      SEED_DEMO: 'auto',
      DEMO_PASSWORD,
      OUTBOX_POLL_MS: '200',
      OUTBOX_BACKOFF_BASE_MS: '500',
      PASSWORD_SCRYPT_LOG_N: '14',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...options.env,
    }

    const prepared = options.prepare ? await prepareDatabase(env, options.prepare) : (undefined as T)

    const lines: string[] = []
    const errorLines: string[] = []
    const child = spawn(process.execPath, [SERVER_JS, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout!.setEncoding('utf8').on('data', (s: string) => lines.push(s))
    child.stderr!.setEncoding('utf8').on('data', (s: string) => {
      lines.push(s)
      errorLines.push(s)
    })
    const exited = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        status.code = code
        status.signal = signal
        resolve()
      }),
    )
    const output = () => lines.join('')

    // Stopped before the database is dropped and the SMTP peer closed.
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timedOut = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)])
        if (timedOut) {
          console.error(`[e2e] the portal did not stop on SIGTERM within 15 s; killing it.\n${output()}`)
          status.killed = true
          child.kill('SIGKILL')
          await exited
        }
      }
    })

    await waitForHealth(url, child, output, options.startTimeoutMs ?? 90_000)
    return {
      url,
      port,
      dataDir,
      databaseKind: database ? 'postgresql' : 'pglite',
      inbox: smtp.inbox,
      smtp,
      prepared,
      output,
      errors: () => errorLines.join(''),
      stop: cleanup,
      kill: async () => {
        child.kill('SIGKILL')
        await exited
      },
    }
  } catch (error) {
    await cleanup()
    throw error
  }
}

import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../e2e/support/portal'

// Debian's nginx as a real reverse proxy in front of the built portal: a temporary prefix and config, loopback
// ports only, one process (master_process off), stopped after the tests.

const CANDIDATES = [...(process.env.PATH ?? '').split(':').map((dir) => join(dir, 'nginx')), '/usr/sbin/nginx', '/usr/local/sbin/nginx']

export function nginxBinary(): string {
  const found = CANDIDATES.find((path) => existsSync(path))
  if (!found) throw new Error('nginx is needed for the reverse-proxy tests: apt-get install nginx-light')
  return found
}

/**
 * The directives of the `location /` block of the README's "Behind nginx" section, one per line: the tests run
 * the configuration the README gives, not a copy of it.
 */
export function readmeLocation(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Behind nginx'))
  const block = section.match(/```nginx\n[\s\S]*?\n\s*location \/ \{\n([\s\S]*?)\n\s*\}\n/)
  if (!block) throw new Error('README.md has no "Behind nginx" section with an nginx `location / { … }` block')
  return block[1].split('\n').map((line) => line.trim()).filter(Boolean)
}

export interface ProxySite {
  /** Loopback port nginx listens on: the public address http://127.0.0.1:<port>. */
  port: number
  /** The directives of its `location /` block. */
  location: string[]
}

export interface Nginx {
  stop(): Promise<void>
  /** What nginx wrote to its error log. */
  log(): string
}

/** Starts nginx with one `server` per site, proxying to the upstream `fund_portal`: 127.0.0.1:<port> of each instance (round robin). */
export async function startNginx(upstreamPort: number | number[], sites: ProxySite[]): Promise<Nginx> {
  const upstreams = [upstreamPort].flat().map((p) => `server 127.0.0.1:${p};`).join(' ')
  const prefix = await mkdtemp(join(tmpdir(), 'fund-nginx-'))
  const servers = sites.map(
    (site) => `  server {\n    listen 127.0.0.1:${site.port};\n    location / {\n${site.location.map((d) => `      ${d}`).join('\n')}\n    }\n  }`,
  )
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(prefix, kind)};`)
  const conf = [
    'daemon off;',
    'master_process off;',
    `pid ${join(prefix, 'nginx.pid')};`,
    'error_log stderr warn;',
    'events { worker_connections 64; }',
    'http {',
    '  access_log off;',
    ...temp,
    `  upstream fund_portal { ${upstreams} keepalive 4; }`,
    ...servers,
    '}',
    '',
  ].join('\n')
  await writeFile(join(prefix, 'nginx.conf'), conf)

  const lines: string[] = []
  const child: ChildProcess = spawn(nginxBinary(), ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.setEncoding('utf8').on('data', (s: string) => lines.push(s))
  child.stderr!.setEncoding('utf8').on('data', (s: string) => lines.push(s))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT')
      await exited
    }
    await rm(prefix, { recursive: true, force: true })
  }

  try {
    for (const site of sites) await waitUntilProxying(`http://127.0.0.1:${site.port}/healthz`, child, () => lines.join(''))
  } catch (error) {
    await stop()
    throw error
  }
  return { stop, log: () => lines.join('') }
}

async function waitUntilProxying(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}):\n${log()}`)
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0)
    if (status === 200) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`nginx did not proxy ${url} within 15 s:\n${log()}`)
}

// `npm start` and the db:* scripts: build the portal if the sources are newer than the build, then run it.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const stamp = join(root, 'build', '.stamp')
const sources = ['app', 'server', 'db', 'emails', 'templates', 'public', 'vite.config.ts', 'package-lock.json']

function newest(path) {
  if (!existsSync(path)) return 0
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  let max = 0
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)))
  return max
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
if (!built || sources.some((s) => newest(join(root, s)) > built)) {
  console.log(built ? 'Sources changed since the last build: building…' : 'First start: building the portal…')
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

// A .env file beside package.json, if there is one, fills variables the environment does not set.
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'))
process.env.NODE_ENV ??= 'production'
await import(new URL('../build/server.js', import.meta.url).href)

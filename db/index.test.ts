import { existsSync } from 'node:fs'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { createDb, splitUnixSocket } from './index'
import { sql } from 'kysely'

// A portal on the same host as its PostgreSQL connects by the server's Unix socket (ADR 029), named in
// DATABASE_URL as libpq names it.

describe('splitUnixSocket', () => {
  it('reads a socket folder given as libpq gives it, and leaves the rest of the URL', () => {
    expect(splitUnixSocket('postgres:///fund?host=/var/run/postgresql')).toEqual({ url: 'postgres:///fund', socketDir: '/var/run/postgresql' })
    expect(splitUnixSocket('postgresql://quy@localhost:5433/fund?host=%2Frun%2Fpostgresql&sslmode=disable')).toEqual({
      url: 'postgresql://quy@localhost:5433/fund?sslmode=disable',
      socketDir: '/run/postgresql',
    })
  })

  it('leaves a URL over TCP as it is, a host parameter that is not a folder included', () => {
    expect(splitUnixSocket('postgres://quy:secret@db.internal:5432/fund')).toEqual({ url: 'postgres://quy:secret@db.internal:5432/fund' })
    expect(splitUnixSocket('postgres://quy@db.internal/fund?host=replica')).toEqual({ url: 'postgres://quy@db.internal/fund?host=replica' })
  })
})

const serverUrl = process.env.TEST_DATABASE_URL

describe.skipIf(!serverUrl)('createDb on PostgreSQL', () => {
  it('connects by the Unix socket a URL names, where the server listens on one', async () => {
    // The server says where its socket is; the test connects there, as a portal on the same host would.
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} })
    const [{ unix_socket_directories: dirs }] = await admin`SHOW unix_socket_directories`
    const [{ port }] = await admin`SELECT current_setting('port') AS port`
    await admin.end()
    const dir = String(dirs).split(',').map((d) => d.trim()).find((d) => d.startsWith('/') && existsSync(`${d}/.s.PGSQL.${port}`))
    expect(dir, `the server's socket (${dirs}, port ${port})`).toBeDefined()
    const url = new URL(serverUrl!)
    url.port = String(port)
    url.searchParams.set('host', dir!)
    const handle = await createDb({ url: url.toString(), max: 1 })
    try {
      const { rows } = await sql<{ address: string | null; one: number }>`SELECT inet_server_addr()::text AS address, 1 AS one`.execute(handle.db)
      // No server address: the session came over a Unix socket, not TCP.
      expect(rows).toEqual([{ address: null, one: 1 }])
    } finally {
      await handle.close()
    }
  })
})

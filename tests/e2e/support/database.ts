import postgres from 'postgres'

// With TEST_DATABASE_URL (a PostgreSQL server the tests may create databases on), each portal started by
// the harness gets a fresh, empty database of its own, dropped afterwards.

export interface ServerDatabase {
  /** The DATABASE_URL for the portal. */
  url: string
  name: string
  drop(): Promise<void>
}

let counter = 0

export async function createServerDatabase(serverUrl: string): Promise<ServerDatabase> {
  const name = `fund_e2e_${process.pid}_${Date.now().toString(36)}_${++counter}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    async drop() {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} })
      try {
        await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await a.end()
      }
    },
  }
}

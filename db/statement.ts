import { CompiledQuery, type Kysely, type Transaction } from 'kysely'
import type { Database } from './schema'

/**
 * A statement whose SQL text is written once, for the few that run on every request of deadline day (the
 * session, the membership, the autosave's writes: ADR 030). Kysely's builder rebuilds and recompiles the same
 * text on each call, which under the deadline mix cost about a tenth of the portal's one thread; this runs the
 * text with new parameters through the same driver (same connection pool, transactions and type parsing) on
 * PostgreSQL and PGlite alike. The SQL stays in its module; its columns are checked by the module's integration
 * tests on both databases, not by the compiler, so use it only where a profile shows the builder's cost.
 */
export function statement<Row>(text: string) {
  return async (db: Kysely<Database> | Transaction<Database>, ...parameters: unknown[]): Promise<Row[]> =>
    (await db.executeQuery(CompiledQuery.raw(text, parameters) as CompiledQuery<Row>)).rows
}

import { createHash, randomBytes } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, TokenPurpose } from '../../../db/schema'

type Q = Kysely<Database> | Transaction<Database>

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** A random single-use token for an e-mailed link; only its hash is stored. Older tokens of the purpose die. */
export async function issueToken(db: Q, userId: string, purpose: TokenPurpose, ttlHours: number): Promise<string> {
  const raw = randomBytes(32).toString('base64url')
  await db
    .updateTable('user_tokens')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute()
  await db
    .insertInto('user_tokens')
    .values({ user_id: userId, purpose, token_hash: sha256(raw), expires_at: new Date(Date.now() + ttlHours * 3600_000) })
    .execute()
  return raw
}

/** The user a live token belongs to, without using it up (to show the form a link opens). */
export async function peekToken(db: Q, raw: string, purpose: TokenPurpose): Promise<string | null> {
  const row = await db
    .selectFrom('user_tokens')
    .select('user_id')
    .where('token_hash', '=', sha256(raw))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
  return row?.user_id ?? null
}

/** Uses a token up, atomically: of two concurrent uses exactly one gets the user id. */
export async function consumeToken(db: Q, raw: string, purpose: TokenPurpose): Promise<string | null> {
  const row = await db
    .updateTable('user_tokens')
    .set({ used_at: sql`now()` })
    .where('token_hash', '=', sha256(raw))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst()
  return row?.user_id ?? null
}

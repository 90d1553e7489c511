import { type Kysely, sql } from 'kysely'

// Frozen in time: never import application code here.
// File names are now cleaned at upload: line breaks and tabs become a space, and bidi controls (which make
// "hoa-don<U+202E>fdp.exe" read as "hoa-donexe.pdf"), other control characters and line separators go; NFC.
// The names stored before are cleaned the same way, so every page shows what a download is called.

const INVISIBLE = '[\\u0001-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029\\ufeff]'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE attachments
    SET filename = coalesce(nullif(btrim(regexp_replace(regexp_replace(normalize(filename, NFC), '[\\r\\n\\t]+', ' ', 'g'), ${sql.raw(`'${INVISIBLE}'`)}, '', 'g')), ''), 'tep-dinh-kem')
    WHERE filename ~ ${sql.raw(`'${INVISIBLE}'`)} OR NOT (filename IS NFC NORMALIZED)
  `.execute(db)
}

/** Nothing to undo: the characters removed were never part of a name anyone chose. */
export async function down(): Promise<void> {}

import type { DB } from '../../../db'
import { recordAudit } from '../audit'

// What the council's meeting records besides the ballots (Circular 20/2023, Art. 11), printed in its minutes: who
// presided (the chair, or the vice-chair by the chair's written authority), the vote-counting board of three the
// council elected, the revision period counted from the adoption of the minutes, and for each application the
// council's conclusions — what to revise and the lump-sum method it proposes. Editable until the minutes are issued.

export interface MeetingRecord {
  presidedBy: string | null
  countingBoard: string[]
  revisionDays: number
  /** The applications the council concluded on (empty before the conclusion). */
  conclusions: { applicationId: string; reference: string | null; title: string; recommended: boolean; revisions: string; lumpSum: 'full' | 'partial' | null }[]
  /** False once the minutes are issued: they print what was recorded. */
  editable: boolean
}

export async function getMeetingRecord(db: DB, councilId: string): Promise<MeetingRecord | null> {
  const council = await db.selectFrom('councils').select(['presided_by', 'counting_board', 'revision_days']).where('id', '=', councilId).executeTakeFirst()
  if (!council) return null
  const conclusions = await db
    .selectFrom('council_conclusions as k')
    .innerJoin('applications as a', 'a.id', 'k.application_id')
    .select(['k.application_id', 'a.reference', 'a.title', 'k.recommended', 'k.revisions', 'k.lump_sum'])
    .where('k.council_id', '=', councilId)
    .orderBy('k.rank')
    .orderBy('a.reference')
    .execute()
  return {
    presidedBy: council.presided_by,
    countingBoard: council.counting_board ?? [],
    revisionDays: council.revision_days,
    conclusions: conclusions.map((k) => ({ applicationId: k.application_id, reference: k.reference, title: k.title, recommended: k.recommended, revisions: k.revisions, lumpSum: k.lump_sum })),
    editable: !(await minutesIssued(db, councilId)),
  }
}

async function minutesIssued(db: DB, councilId: string): Promise<boolean> {
  const row = await db
    .selectFrom('documents as d')
    .innerJoin('document_register as r', 'r.id', 'd.register_id')
    .select('d.id')
    .where('d.council_id', '=', councilId)
    .where('d.kind', '=', 'minutes')
    .where('r.state', '=', 'issued')
    .executeTakeFirst()
  return !!row
}

export type SaveRecordResult = { ok: true } | { ok: false; status: 400 | 404 | 409; errors: Record<string, string> }

/**
 * Saves the meeting's record. `values`: presided_by (a member's id, chair or vice-chair; the vice-chair only with
 * the chair's written authority recorded on the council), board_1..board_3 (none or three different members),
 * revision_days (1–90), and per concluded application revisions_<id> and lump_<id> ('', 'full', 'partial').
 */
export async function saveMeetingRecord(
  db: DB,
  input: { councilId: string; actor: { id: string; email: string }; values: Record<string, string | undefined>; ip?: string | null },
): Promise<SaveRecordResult> {
  const v = input.values
  return db.transaction().execute(async (trx): Promise<SaveRecordResult> => {
    const council = await trx.selectFrom('councils').select(['id', 'vice_chair_authorised']).where('id', '=', input.councilId).forUpdate().executeTakeFirst()
    if (!council) return { ok: false, status: 404, errors: {} }
    if (await minutesIssued(trx, council.id)) return { ok: false, status: 409, errors: { form: 'record.v.issued' } }
    const members = await trx
      .selectFrom('council_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'm.role', 'u.full_name'])
      .where('m.council_id', '=', council.id)
      .execute()
    const errors: Record<string, string> = {}
    const presidedBy = (v.presided_by ?? '').trim() || null
    const presider = presidedBy ? members.find((m) => m.user_id === presidedBy) : null
    if (presidedBy && (!presider || (presider.role !== 'chair' && presider.role !== 'vice_chair'))) errors.presided_by = 'record.v.presider'
    else if (presider?.role === 'vice_chair' && !council.vice_chair_authorised) errors.presided_by = 'record.v.viceChairAuthority'
    const boardIds = [v.board_1, v.board_2, v.board_3].map((x) => (x ?? '').trim())
    const chosen = boardIds.filter(Boolean)
    const board = chosen.map((id) => members.find((m) => m.user_id === id))
    if (chosen.length !== 0 && (chosen.length !== 3 || new Set(chosen).size !== 3 || board.some((m) => !m))) errors.board_1 = 'record.v.board'
    const daysText = (v.revision_days ?? '').trim()
    const days = /^\d{1,2}$/.test(daysText) ? Number(daysText) : NaN
    if (!(days >= 1 && days <= 90)) errors.revision_days = 'record.v.days'
    const conclusions = await trx.selectFrom('council_conclusions').select('application_id').where('council_id', '=', council.id).execute()
    const perApp = conclusions.map((k) => {
      const revisions = (v[`revisions_${k.application_id}`] ?? '').normalize('NFC').trim()
      const lump = (v[`lump_${k.application_id}`] ?? '').trim()
      if (revisions.length > 2000) errors[`revisions_${k.application_id}`] = 'record.v.revisions'
      if (lump !== '' && lump !== 'full' && lump !== 'partial') errors[`lump_${k.application_id}`] = 'record.v.lumpSum'
      const lumpSum: 'full' | 'partial' | null = lump === 'full' || lump === 'partial' ? lump : null
      return { applicationId: k.application_id, revisions, lumpSum }
    })
    if (Object.keys(errors).length) return { ok: false, status: 400, errors }
    await trx
      .updateTable('councils')
      .set({ presided_by: presidedBy, counting_board: board.map((m) => m!.full_name), revision_days: days })
      .where('id', '=', council.id)
      .execute()
    for (const a of perApp) {
      await trx.updateTable('council_conclusions').set({ revisions: a.revisions, lump_sum: a.lumpSum }).where('council_id', '=', council.id).where('application_id', '=', a.applicationId).execute()
    }
    await recordAudit(trx, {
      action: 'council.meeting_recorded',
      actor: input.actor,
      subjectType: 'council',
      subjectId: council.id,
      ip: input.ip ?? null,
      details: { presidedBy, board: board.length, revisionDays: days, conclusions: perApp.length },
    })
    return { ok: true }
  })
}

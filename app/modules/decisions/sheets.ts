import { sql } from 'kysely'
import type { DB } from '../../../db'
import type { CouncilRole, Recommendation } from '../../../db/schema'
import type { Block, DocumentModel } from '../documents/layout'
import { renderDocument } from '../documents/layout'
import { minutes, type MinutesInput } from '../../../templates/minutes'
import { scoringSheet } from '../../../templates/scoring-sheet'
import { supplementationNotice } from '../../../templates/supplementation'
import { rubricCriteria } from '../review/ballots'
import { getMeeting } from '../review/meeting'
import { blankNumber, fundForDocuments, type SignerLines, withSigner } from './issue'
import { vnDate } from '../calendar'
import { getFundSettings } from '../fund'
import { formatNumber } from '../../i18n/format'

// The review's working papers as PDFs: one member's scoring sheet (phiếu đánh giá) of one application, and
// the minutes (biên bản) of a concluded council meeting, drawn from what is stored. A ballot is not a numbered
// document; the minutes are drawn unnumbered here for the preview, and with the number the register gave them
// when they are issued (minutes.ts stores that file).

export interface SheetFile {
  pdf: Uint8Array
  filename: string
}

const ROLE_VI: Record<CouncilRole, string> = {
  chair: 'Chủ tịch Hội đồng',
  vice_chair: 'Phó Chủ tịch Hội đồng',
  secretary: 'Thư ký khoa học',
  member: 'Ủy viên',
}

const RECOMMENDATION_VI: Record<Recommendation, string> = {
  fund: 'Đề nghị tài trợ.',
  fund_with_changes: 'Đề nghị tài trợ với điều kiện chỉnh sửa, bổ sung hồ sơ.',
  do_not_fund: 'Không đề nghị tài trợ.',
}

const fund = async (db: DB) => fundForDocuments(await getFundSettings(db))

/** A file name without anything a file system or a header minds. */
const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '')

/** The paragraph of the model whose first run starts with the label ("Tổ chức chủ trì: "). */
const isField = (b: Block, label: string) =>
  b.kind === 'paragraph' && Array.isArray(b.text) && typeof b.text[0] === 'object' && b.text[0] !== null && 'text' in b.text[0] && b.text[0].text === `${label}: `

/** Replaces one exact run of text in the model (the templates' fixed wording that the data refines). */
function replaceText(model: DocumentModel, from: string, to: string): DocumentModel {
  return JSON.parse(JSON.stringify(model).split(JSON.stringify(from)).join(JSON.stringify(to))) as DocumentModel
}

/**
 * The scoring sheet of one submitted ballot: the reviewer, their seat on the council, the application (its
 * organisation left out when the call is blind), each criterion with its maximum, score and comment, the total,
 * the overall comment, the recommendation and the day it was submitted. Null when there is no such assignment
 * or its ballot is not submitted (the caller checked whose it is).
 */
export async function scoringSheetPdf(db: DB, assignmentId: string): Promise<SheetFile | null> {
  const row = await db
    .selectFrom('review_assignments as ra')
    .innerJoin('reviews as r', 'r.assignment_id', 'ra.id')
    .innerJoin('councils as co', 'co.id', 'ra.council_id')
    .innerJoin('applications as a', 'a.id', 'ra.application_id')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .innerJoin('users as u', 'u.id', 'ra.reviewer_id')
    .leftJoin('council_members as m', (j) => j.onRef('m.council_id', '=', 'ra.council_id').onRef('m.user_id', '=', 'ra.reviewer_id'))
    .select([
      'ra.id',
      'ra.opponent',
      'r.state',
      'r.scores',
      'r.comments',
      'r.overall_comment',
      'r.recommendation',
      'r.submitted_at',
      'r.updated_at',
      'co.name_vi as council_name',
      'a.id as application_id',
      'a.reference',
      'a.title',
      'a.organisation_snapshot',
      'o.name as organisation_name',
      'c.blind',
      'c.rubric_id',
      'u.full_name',
      'm.role',
    ])
    .where('ra.id', '=', assignmentId)
    .executeTakeFirst()
  if (!row || row.state !== 'submitted') return null
  const scores = (row.scores ?? {}) as Record<string, number>
  const comments = (row.comments ?? {}) as Record<string, string>
  const criteria = await rubricCriteria(db, row.rubric_id)
  const seat = row.role ? ROLE_VI[row.role] : 'Thành viên Hội đồng'
  const reference = row.reference ?? row.application_id
  let model = scoringSheet({
    fund: await fund(db),
    date: row.submitted_at ?? row.updated_at,
    councilName: row.council_name,
    reviewerName: row.full_name,
    reviewerRole: row.opponent ? `${seat}, Ủy viên phản biện` : seat,
    reference,
    applicationTitle: row.title,
    organisation: row.blind ? '' : ((row.organisation_snapshot as { name?: string } | null)?.name ?? row.organisation_name),
    criteria: criteria.map((c) => ({ name: c.nameVi, max: c.max, score: Number(scores[c.key] ?? 0), comment: comments[c.key] || undefined })),
    generalComment: row.overall_comment.trim() || undefined,
    recommend: row.recommendation !== 'do_not_fund',
  })
  // A blind call's reviewer never learns the organisation: its line is left out, not left empty.
  if (row.blind) model = { ...model, blocks: model.blocks.filter((b) => !isField(b, 'Tổ chức chủ trì')) }
  // The template knows "fund" and "do not fund"; the ballot also has "fund with changes".
  if (row.recommendation) model = replaceText(model, row.recommendation === 'do_not_fund' ? 'Không đề nghị tài trợ.' : 'Đề nghị tài trợ.', RECOMMENDATION_VI[row.recommendation])
  return { pdf: await renderDocument(model), filename: `Phieu-danh-gia-${fileSafe(reference)}-${fileSafe(row.full_name)}.pdf` }
}

const QUORUM_RULE = (num: number, den: number) =>
  `Theo quy định, Hội đồng họp khi có ít nhất ${num}/${den} số thành viên có mặt, trong đó có Chủ tịch Hội đồng (hoặc Phó Chủ tịch được ủy quyền) và các Ủy viên phản biện của từng hồ sơ`

/**
 * The minutes of a concluded council's meeting: the members present and absent with their seats, the quorum,
 * each application's result from its stored conclusion (mean, valid ballots, rank, recommendation) in ranking
 * order, and the conclusion on each. Null when there is no such council or it has not concluded.
 *
 * With `number` (given by the register when the minutes are issued) it reads "Số: 01/BB-QKHCN"; without, the
 * number is left blank, as on any preview.
 */
export async function minutesPdf(db: DB, councilId: string, opts: { number?: number | null } = {}): Promise<SheetFile | null> {
  const drawn = await minutesModel(db, councilId, opts)
  return drawn ? { pdf: await renderDocument(drawn.model), filename: drawn.filename } : null
}

/**
 * The member presiding a council's meeting, as its minutes name them and as signs them: who the meeting's record
 * says presided; else the chair unless recorded absent; else the vice-chair unless recorded absent.
 */
export function presidingOf<M extends { userId: string; role: string; present: boolean | null }>(members: readonly M[], presidedBy: string | null): M | undefined {
  const of = (role: string) => members.find((m) => m.role === role && m.present !== false)
  return members.find((m) => m.userId === presidedBy) ?? of('chair') ?? of('vice_chair')
}

/** The minutes as a model (minutesPdf draws it; issuing signs it). `signer`: who signs for the presiding member. */
export async function minutesModel(db: DB, councilId: string, opts: { number?: number | null; signer?: SignerLines } = {}): Promise<{ model: DocumentModel; filename: string } | null> {
  const meeting = await getMeeting(db, councilId)
  if (!meeting || meeting.council.status !== 'concluded') return null
  const conclusions = await db
    .selectFrom('council_conclusions as k')
    .innerJoin('applications as a', 'a.id', 'k.application_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['k.application_id', 'k.mean', 'k.final_score', 'k.rank', 'k.recommended', 'k.fundable', 'k.data', 'k.concluded_at', 'k.revisions', 'k.lump_sum', 'a.reference', 'a.title', 'a.organisation_snapshot', 'o.name'])
    .where('k.council_id', '=', councilId)
    .orderBy('k.rank')
    .orderBy('a.reference')
    .execute()
  if (conclusions.length === 0) return null
  const results: MinutesInput['results'] = conclusions.map((k) => {
    const data = (k.data ?? {}) as { ballots?: { valid: boolean }[]; quorum?: { ok: boolean } }
    const ballots = data.ballots ?? []
    return {
      reference: k.reference ?? k.application_id,
      title: k.title,
      organisation: (k.organisation_snapshot as { name?: string } | null)?.name ?? k.name,
      mean: k.mean === null ? 0 : Number(k.mean),
      validBallots: ballots.filter((b) => b.valid).length,
      ballots: ballots.length,
      rank: k.rank,
      recommended: k.recommended,
      revisions: k.revisions,
      lumpSum: k.lump_sum,
    }
  })
  const record = await db.selectFrom('councils').select(['presided_by', 'counting_board', 'revision_days']).where('id', '=', councilId).executeTakeFirstOrThrow()
  const quorumMet = conclusions.every((k) => ((k.data ?? {}) as { quorum?: { ok: boolean } }).quorum?.ok !== false)
  const endedAt = conclusions.reduce((t, k) => (k.concluded_at > t ? k.concluded_at : t), conclusions[0].concluded_at)
  const startedAt = meeting.council.meetingAt ?? endedAt
  const nameOf = (role: CouncilRole) => meeting.members.find((m) => m.role === role)?.fullName ?? ''
  const chair = presidingOf(meeting.members, record.presided_by)
  const conclusionOf = (k: (typeof conclusions)[number], r: MinutesInput['results'][number]) => {
    const score = k.final_score === null ? 'không có điểm hợp lệ' : `điểm ${formatNumber(Number(k.final_score), 'vi')}`
    const verdict = k.recommended
      ? `đề nghị tài trợ${k.fundable ? ', trong phạm vi kinh phí của đợt' : ', ngoài phạm vi kinh phí còn lại của đợt'}`
      : 'không đề nghị tài trợ'
    return `Hồ sơ ${r.reference} "${r.title}": ${score}, xếp hạng ${r.rank ?? '–'}; Hội đồng ${verdict}.`
  }
  const model = minutes({
    fund: await fund(db),
    number: opts.number ?? 0,
    date: endedAt,
    councilName: meeting.council.nameVi,
    callTitle: `${meeting.call.titleVi}, mã đợt ${meeting.call.code}`,
    startedAt,
    endedAt,
    // The template ends the sentence after the place: a place typed with its own full stop would end it twice.
    place: meeting.council.location.trim().replace(/[\s.。]+$/u, '') || 'trụ sở Quỹ',
    members: meeting.members.map((m) => ({ name: m.fullName, role: ROLE_VI[m.role], present: m.present === true })),
    quorum: { met: quorumMet, rule: QUORUM_RULE(meeting.rules.quorumFraction.num, meeting.rules.quorumFraction.den) },
    results,
    conclusions: conclusions.map((k, i) => conclusionOf(k, results[i])),
    chair: opts.signer?.name ?? chair?.fullName ?? nameOf('chair'),
    presidingRole: chair?.role === 'vice_chair' ? 'vice_chair' : 'chair',
    secretary: nameOf('secretary'),
    countingBoard: record.counting_board,
    revision: { days: record.revision_days, adoptedOn: endedAt },
  })
  const numbered = opts.number ? model : blankNumber(model)
  return { model: numbered, filename: `Bien-ban-${fileSafe(meeting.call.code)}-${fileSafe(meeting.council.nameVi)}.pdf` }
}

/**
 * The supplementation notice (thông báo bổ sung hồ sơ) of one change request (application_messages, kind
 * 'change_request'): what to add, one item a line of the request's text, and by when — the end of its due day
 * in Việt Nam, the last moment the portal accepts the resubmission. Null when there is no such request.
 *
 * Not wired yet: it is meant to be attached to the change-request e-mail (workflow/rules.ts, request_changes),
 * numbered by the register (type 'notice') in the same transaction; without a number it renders the number
 * blank ("Số:      /TB-…"), as a preview.
 */
export async function supplementationNoticePdf(db: DB, messageId: number, opts: { number?: number | null } = {}): Promise<SheetFile | null> {
  const drawn = await supplementationNoticeModel(db, messageId, opts)
  return drawn ? { pdf: await renderDocument(drawn.model), filename: drawn.filename } : null
}

/** The supplementation notice as a model (the PDF above draws it; issuing signs it). */
export async function supplementationNoticeModel(
  db: DB,
  messageId: number,
  opts: { number?: number | null; signer?: SignerLines } = {},
): Promise<{ model: DocumentModel; filename: string } | null> {
  const row = await db
    .selectFrom('application_messages as m')
    .innerJoin('applications as a', 'a.id', 'm.application_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select([
      'm.body',
      sql<string | null>`to_char(m.due_on, 'YYYY-MM-DD')`.as('due_on'),
      'm.created_at',
      'a.id as application_id',
      'a.reference',
      'a.title',
      'a.submitted_at',
      'a.organisation_snapshot',
      'o.name',
    ])
    .where('m.id', '=', messageId)
    .where('m.kind', '=', 'change_request')
    .executeTakeFirst()
  if (!row) return null
  const items = row.body
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^(?:[-•*–]|\d+[.)])\s*/, '').trim())
    .filter(Boolean)
  const reference = row.reference ?? row.application_id
  const number = opts.number ?? null
  const model = supplementationNotice({
    fund: withSigner(await fund(db), opts.signer),
    number: number ?? 0,
    date: row.created_at,
    organisation: (row.organisation_snapshot as { name?: string } | null)?.name ?? row.name,
    reference,
    applicationTitle: row.title,
    submittedAt: row.submitted_at ?? row.created_at,
    items: items.length > 0 ? items : [row.body.trim()],
    // A due day is the whole day in Việt Nam (UTC+7 all year): its last minute.
    dueAt: new Date(`${row.due_on ?? vnDate(row.created_at)}T23:59:00+07:00`),
    channel: 'trực tuyến trên Cổng thông tin của Quỹ',
  })
  return { model: number === null ? blankNumber(model) : model, filename: `Thong-bao-bo-sung-${fileSafe(reference)}.pdf` }
}

import { z } from 'zod'
import { BUDGET_CATEGORIES } from '../applications/budget'
import { parseMoney } from '../calls/fields'
import { parseVnDate } from '../../lib/params'
import { vnDate } from '../calendar/working-days'

// Browser-safe: the forms of a cost appraisal (thẩm định kinh phí). Forming the team: its members by seat,
// one leader; recording the meeting: the day, who was present, the appraised amount per budget category and
// the lump-sum method. Messages are catalogue keys (messages/appraisal.ts). The numbers (team size, quorum)
// are the fund's rules, checked by the module, not here.

export const LUMP_SUM_METHODS = ['full', 'partial'] as const
/** At most this many seats are offered on the form; the fund's rule says how many must be filled. */
export const MAX_SEATS = 9

const name = (seat: number) => `name_${seat}`

/** The team form: name_1…name_N, position_1…, and `leader` = the leader's seat. */
export const teamForm = z.looseObject({ leader: z.string('appraisal.v.leader').trim().regex(/^\d{1,2}$/, 'appraisal.v.leader') })

export interface TeamMemberInput {
  seat: number
  fullName: string
  position: string
  role: 'leader' | 'member'
}

/** The members typed on the team form, in seat order (empty seats left out). */
export function readTeam(raw: Record<string, unknown>): { members: TeamMemberInput[]; leader: number | null } {
  const leader = Number(String(raw.leader ?? '').trim()) || null
  const members: TeamMemberInput[] = []
  for (let seat = 1; seat <= MAX_SEATS; seat++) {
    const fullName = String(raw[name(seat)] ?? '').normalize('NFC').trim().replace(/\s+/g, ' ')
    if (!fullName) continue
    members.push({ seat, fullName: fullName.slice(0, 200), position: String(raw[`position_${seat}`] ?? '').normalize('NFC').trim().slice(0, 200), role: seat === leader ? 'leader' : 'member' })
  }
  return { members, leader }
}

export interface AppraisalRecordInput {
  metOn: string
  present: number[]
  method: (typeof LUMP_SUM_METHODS)[number]
  amounts: Record<string, number>
  notes: string
}

/** The meeting form: met_on (dd/mm/yyyy), present_<seat>, method, appraised_<category>, notes. Field → error key. */
export function readRecord(raw: Record<string, unknown>): { ok: true; value: AppraisalRecordInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const day = parseVnDate(String(raw.met_on ?? '').trim())
  if (!day) errors.met_on = 'appraisal.v.metOn'
  const method = String(raw.method ?? '')
  if (!(LUMP_SUM_METHODS as readonly string[]).includes(method)) errors.method = 'appraisal.v.method'
  const amounts: Record<string, number> = {}
  for (const c of BUDGET_CATEGORIES) {
    const text = String(raw[`appraised_${c}`] ?? '').trim()
    const value = text === '' ? 0 : parseMoney(text)
    if (value === null || value === undefined || value < 0) errors[`appraised_${c}`] = 'appraisal.v.amount'
    else amounts[c] = value
  }
  const present: number[] = []
  for (let seat = 1; seat <= MAX_SEATS; seat++) {
    const v = raw[`present_${seat}`]
    if (v === 'on' || v === true || v === 'true') present.push(seat)
  }
  const notes = String(raw.notes ?? '').normalize('NFC').trim()
  if (notes.length > 5000) errors.notes = 'workflow.v.tooLong?max=5000'
  if (Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, value: { metOn: vnDate(day!), present, method: method as AppraisalRecordInput['method'], amounts, notes } }
}

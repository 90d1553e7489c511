import type { DB } from '../../../db'
import type { OrganisationType } from '../../../db/schema'
import { vnDate } from '../calendar'
import { getFundSettings } from '../fund'
import { listPublishedTasks, type PublishedTask } from './publication'

// The published results as open data (Decree 47/2020: complete, current, free, open formats, no sign-in):
// one record per awarded task named after the 360Giving Data Standard where it has a name (id, title,
// description, currency, amountAwarded, awardDate, recipientOrganization, fundingOrganization, grantProgramme,
// plannedDates, dateModified), the few fields it lacks beside them, one licence (CC BY 4.0). The same columns
// make the CSV (360Giving's own column titles), and the CSV reads back to the same records (tested).

export const LICENSE = 'https://creativecommons.org/licenses/by/4.0/'
/** Prefix of the grants' identifiers (360Giving asks for one per publisher; to register when the Fund joins). */
export const GRANT_ID_PREFIX = '360G-QKHCN-DAKLAK-'
/** Organisations with a Vietnamese tax code (mã số thuế) are identified by it. */
const TAX_CODE_SCHEME = 'VN-MST-'

export interface Organisation360 {
  id: string
  name: string
  organisationType?: OrganisationType
}
export interface Grant360 {
  id: string
  title: string
  description: string
  currency: 'VND'
  amountAwarded: number
  amountCounterpart: number
  awardDate: string
  decisionNumber: string | null
  priorityField: string
  recipientOrganization: [Organisation360]
  fundingOrganization: [Organisation360]
  grantProgramme: [{ code: string; title: string }]
  plannedDates?: [{ duration: number }]
  dateModified: string
}

export interface Funder {
  id: string
  name: string
}

/** The Fund as the funding organisation of every grant. */
export async function funder(db: DB): Promise<Funder> {
  const s = await getFundSettings(db)
  return { id: `${GRANT_ID_PREFIX}FUND`, name: s?.name_vi ?? 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk' }
}

export function toGrant(task: PublishedTask & { callTitle: string }, fund: Funder): Grant360 {
  const grant: Grant360 = {
    id: `${GRANT_ID_PREFIX}${task.reference}`,
    title: task.title,
    description: task.summary,
    currency: 'VND',
    amountAwarded: task.amount,
    amountCounterpart: task.counterpart,
    awardDate: task.decisionDate ?? vnDate(task.publishedAt),
    decisionNumber: task.decisionNumber,
    priorityField: task.priorityField,
    recipientOrganization: [
      {
        // Without a tax code (an individual's citizen ID is never published), the task's own reference stands in.
        id: task.organisationTaxCode ? `${TAX_CODE_SCHEME}${task.organisationTaxCode}` : `${GRANT_ID_PREFIX}ORG-${task.reference}`,
        name: task.organisationName,
        organisationType: task.organisationType,
      },
    ],
    fundingOrganization: [{ id: fund.id, name: fund.name }],
    grantProgramme: [{ code: task.callCode, title: task.callTitle }],
    dateModified: task.modifiedAt.toISOString(),
  }
  if (task.durationMonths) grant.plannedDates = [{ duration: task.durationMonths }]
  return grant
}

/** One page of grants, in the stable order of publication. */
export async function grantsPage(db: DB, page: number, pageSize: number): Promise<{ grants: Grant360[]; total: number }> {
  const [fund, result] = await Promise.all([funder(db), listPublishedTasks(db, { page, pageSize })])
  const titles = new Map<string, string>()
  for (const row of result.rows) if (!titles.has(row.callId)) titles.set(row.callId, '')
  if (titles.size) {
    const calls = await db.selectFrom('calls').select(['id', 'title_vi']).where('id', 'in', [...titles.keys()]).execute()
    for (const c of calls) titles.set(c.id, c.title_vi)
  }
  return { total: result.total, grants: result.rows.map((r) => toGrant({ ...r, callTitle: titles.get(r.callId) || r.callCode }, fund)) }
}

/** Every published grant (the downloadable files). */
export async function allGrants(db: DB): Promise<Grant360[]> {
  const out: Grant360[] = []
  for (let page = 1; ; page++) {
    const { grants, total } = await grantsPage(db, page, 1000)
    out.push(...grants)
    if (out.length >= total || grants.length === 0) return out
  }
}

type Column = { title: string; get: (g: Grant360) => string | number | null | undefined; set: (g: Record<string, any>, v: string) => void }

const org = (g: Record<string, any>, key: string) => (g[key] ??= [{}])[0]
const int = (v: string) => Number(v)

/** The CSV's columns: 360Giving's own titles where the standard has the field. */
export const CSV_COLUMNS: readonly Column[] = [
  { title: 'Identifier', get: (g) => g.id, set: (g, v) => (g.id = v) },
  { title: 'Title', get: (g) => g.title, set: (g, v) => (g.title = v) },
  { title: 'Description', get: (g) => g.description, set: (g, v) => (g.description = v) },
  { title: 'Currency', get: (g) => g.currency, set: (g, v) => (g.currency = v) },
  { title: 'Amount Awarded', get: (g) => g.amountAwarded, set: (g, v) => (g.amountAwarded = int(v)) },
  { title: 'Amount Counterpart', get: (g) => g.amountCounterpart, set: (g, v) => (g.amountCounterpart = int(v)) },
  { title: 'Award Date', get: (g) => g.awardDate, set: (g, v) => (g.awardDate = v) },
  { title: 'Decision Number', get: (g) => g.decisionNumber, set: (g, v) => (g.decisionNumber = v === '' ? null : v) },
  { title: 'Priority Field', get: (g) => g.priorityField, set: (g, v) => (g.priorityField = v) },
  { title: 'Recipient Org:Identifier', get: (g) => g.recipientOrganization[0].id, set: (g, v) => (org(g, 'recipientOrganization').id = v) },
  { title: 'Recipient Org:Name', get: (g) => g.recipientOrganization[0].name, set: (g, v) => (org(g, 'recipientOrganization').name = v) },
  {
    title: 'Recipient Org:Organisation Type',
    get: (g) => g.recipientOrganization[0].organisationType,
    set: (g, v) => {
      if (v) org(g, 'recipientOrganization').organisationType = v
    },
  },
  { title: 'Funding Org:Identifier', get: (g) => g.fundingOrganization[0].id, set: (g, v) => (org(g, 'fundingOrganization').id = v) },
  { title: 'Funding Org:Name', get: (g) => g.fundingOrganization[0].name, set: (g, v) => (org(g, 'fundingOrganization').name = v) },
  { title: 'Grant Programme:Code', get: (g) => g.grantProgramme[0].code, set: (g, v) => (org(g, 'grantProgramme').code = v) },
  { title: 'Grant Programme:Title', get: (g) => g.grantProgramme[0].title, set: (g, v) => (org(g, 'grantProgramme').title = v) },
  {
    title: 'Planned Dates:Duration (months)',
    get: (g) => g.plannedDates?.[0].duration,
    set: (g, v) => {
      if (v) g.plannedDates = [{ duration: int(v) }]
    },
  },
  { title: 'Last modified', get: (g) => g.dateModified, set: (g, v) => (g.dateModified = v) },
]

/**
 * A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Unlike a staff export, open data
 * is written as it is (no spreadsheet-formula defusing), so that it reads back exactly.
 */
function field(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function grantsToCsv(grants: readonly Grant360[]): string {
  const lines = [CSV_COLUMNS.map((c) => field(c.title)).join(',')]
  for (const g of grants) lines.push(CSV_COLUMNS.map((c) => field(c.get(g))).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** RFC 4180 parsing: the records of a CSV as arrays of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cur = ''
  let quoted = false
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (cur += '"'), i++
      else if (ch === '"') quoted = false
      else cur += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') row.push(cur), (cur = '')
    else if (ch === '\r' && src[i + 1] === '\n') {
      row.push(cur), rows.push(row), (row = []), (cur = ''), i++
    } else if (ch === '\n') row.push(cur), rows.push(row), (row = []), (cur = '')
    else cur += ch
  }
  if (cur !== '' || row.length) row.push(cur), rows.push(row)
  return rows
}

/** The grants a CSV of CSV_COLUMNS holds (the reverse of grantsToCsv). */
export function csvToGrants(text: string): Grant360[] {
  const [header, ...rows] = parseCsv(text)
  const columns = header.map((title) => CSV_COLUMNS.find((c) => c.title === title))
  return rows.map((cells) => {
    const g: Record<string, any> = {}
    cells.forEach((v, i) => columns[i]?.set(g, v))
    return g as Grant360
  })
}

import type { DB } from '../../../db'
import { recordAudit } from '../audit'
import { formatTaxCode, isValidTaxCode, normaliseTaxCode } from '../organisations/identifiers'

// Conflicts of interest found in the data, for every (council member, application): the member belongs to the
// applicant organisation; works for or owns an organisation with the applicant's tax code (a relation they
// declared); is on the application's team; or declared a relation to a person on the team. The relations a
// reviewer declares are kept here too. A conflict found blocks the reviewer from the dossier unless the
// Fund's office overrides it with a reason (councils.ts: overrideConflict).

export const CONFLICT_KINDS = ['member', 'tax_code', 'team', 'relation'] as const
export type ConflictKind = (typeof CONFLICT_KINDS)[number]

/** One conflict found: its kind and what matched (a name, an address or a tax code, shown as data). */
export interface DetectedConflict {
  kind: ConflictKind
  detail: string
}

/** A person's name for comparison: NFC, lower case, without diacritics (đ → d), single spaces. */
export function foldName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

export interface TeamPerson {
  name: string
  email: string
}

const TEAM_PREFIXES = ['pi', 'secretary', ...Array.from({ length: 10 }, (_, i) => `m${i + 1}`)]

/** The people of an application's team section (investigator, secretary, members m1…m10), names and e-mails. */
export function teamPeople(data: unknown): TeamPerson[] {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')
  const people: TeamPerson[] = []
  for (const p of TEAM_PREFIXES) {
    const name = text(d[`${p}_name`])
    const email = text(d[`${p}_email`])
    if (name || email) people.push({ name, email })
  }
  return people
}

export interface ReviewerFacts {
  id: string
  email: string
  fullName: string
  /** Organisations the reviewer belongs to on the portal. */
  organisationIds: string[]
  relations: { taxCode: string | null; personName: string | null }[]
}

export interface ApplicationFacts {
  id: string
  organisationId: string
  organisationName: string
  /** The applicant's identifier as stored (digits only). */
  organisationIdentifier: string
  team: TeamPerson[]
}

/** The conflicts between one reviewer and one application, from facts already read (pure). */
export function conflictsBetween(reviewer: ReviewerFacts, app: ApplicationFacts): DetectedConflict[] {
  const found: DetectedConflict[] = []
  if (reviewer.organisationIds.includes(app.organisationId)) found.push({ kind: 'member', detail: app.organisationName })
  const identifier = normaliseTaxCode(app.organisationIdentifier)
  for (const r of reviewer.relations) {
    if (r.taxCode && identifier && normaliseTaxCode(r.taxCode) === identifier) {
      found.push({ kind: 'tax_code', detail: `${formatTaxCode(identifier)} · ${app.organisationName}` })
      break
    }
  }
  const email = reviewer.email.trim().toLowerCase()
  const name = foldName(reviewer.fullName)
  for (const person of app.team) {
    const sameEmail = !!person.email && person.email.toLowerCase() === email
    const sameName = !!person.name && foldName(person.name) === name
    if (sameEmail || sameName) {
      found.push({ kind: 'team', detail: person.name || person.email })
      break
    }
  }
  const related = new Set(reviewer.relations.map((r) => (r.personName ? foldName(r.personName) : '')).filter(Boolean))
  const seen = new Set<string>()
  for (const person of app.team) {
    const folded = person.name ? foldName(person.name) : ''
    if (folded && related.has(folded) && !seen.has(folded)) {
      seen.add(folded)
      found.push({ kind: 'relation', detail: person.name })
    }
  }
  return found
}

/** What conflict detection needs to know about reviewers (one query per table). */
export async function reviewerFacts(db: DB, reviewerIds: readonly string[]): Promise<Map<string, ReviewerFacts>> {
  const out = new Map<string, ReviewerFacts>()
  if (!reviewerIds.length) return out
  const users = await db.selectFrom('users').select(['id', 'email', 'full_name']).where('id', 'in', [...reviewerIds]).execute()
  for (const u of users) out.set(u.id, { id: u.id, email: u.email, fullName: u.full_name, organisationIds: [], relations: [] })
  const memberships = await db.selectFrom('organisation_members').select(['user_id', 'organisation_id']).where('user_id', 'in', [...reviewerIds]).execute()
  for (const m of memberships) out.get(m.user_id)?.organisationIds.push(m.organisation_id)
  const relations = await db.selectFrom('reviewer_relations').select(['user_id', 'tax_code', 'person_name']).where('user_id', 'in', [...reviewerIds]).execute()
  for (const r of relations) out.get(r.user_id)?.relations.push({ taxCode: r.tax_code, personName: r.person_name })
  return out
}

/** What conflict detection needs to know about applications: the applicant and the team section. */
export async function applicationFacts(db: DB, applicationIds: readonly string[]): Promise<Map<string, ApplicationFacts>> {
  const out = new Map<string, ApplicationFacts>()
  if (!applicationIds.length) return out
  const apps = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.organisation_id', 'o.name', 'o.identifier'])
    .where('a.id', 'in', [...applicationIds])
    .execute()
  for (const a of apps) out.set(a.id, { id: a.id, organisationId: a.organisation_id, organisationName: a.name, organisationIdentifier: a.identifier, team: [] })
  const teams = await db.selectFrom('application_sections').select(['application_id', 'data']).where('application_id', 'in', [...applicationIds]).where('key', '=', 'team').execute()
  for (const t of teams) {
    const facts = out.get(t.application_id)
    if (facts) facts.team = teamPeople(t.data)
  }
  return out
}

/** The conflicts of every reviewer with every application, keyed `${applicationId}:${reviewerId}`. */
export async function detectConflictMatrix(db: DB, input: { applicationIds: readonly string[]; reviewerIds: readonly string[] }): Promise<Map<string, DetectedConflict[]>> {
  const reviewers = await reviewerFacts(db, input.reviewerIds)
  const apps = await applicationFacts(db, input.applicationIds)
  const out = new Map<string, DetectedConflict[]>()
  for (const app of apps.values()) for (const reviewer of reviewers.values()) out.set(`${app.id}:${reviewer.id}`, conflictsBetween(reviewer, app))
  return out
}

/** The conflicts of interest between one reviewer and one application, found in the data. */
export async function detectConflicts(db: DB, input: { applicationId: string; reviewerId: string }): Promise<DetectedConflict[]> {
  const matrix = await detectConflictMatrix(db, { applicationIds: [input.applicationId], reviewerIds: [input.reviewerId] })
  return matrix.get(`${input.applicationId}:${input.reviewerId}`) ?? []
}

// ——— Relations a reviewer declares ———

export interface ReviewerRelation {
  id: number
  taxCode: string | null
  personName: string | null
  note: string
  createdAt: Date
}

type Actor = { id: string; email: string }

export async function listRelations(db: DB, userId: string): Promise<ReviewerRelation[]> {
  const rows = await db.selectFrom('reviewer_relations').select(['id', 'tax_code', 'person_name', 'note', 'created_at']).where('user_id', '=', userId).orderBy('id').execute()
  return rows.map((r) => ({ id: r.id, taxCode: r.tax_code, personName: r.person_name, note: r.note, createdAt: r.created_at }))
}

export type RelationInput = { kind: 'tax_code'; taxCode: string; note?: string } | { kind: 'person'; personName: string; note?: string }

/**
 * Declares a relation: an organisation by its tax code (checked, stored as digits) or a person by full name.
 * Errors are catalogue keys by field.
 */
export async function addRelation(
  db: DB,
  input: { userId: string; relation: RelationInput; actor: Actor; ip?: string | null },
): Promise<{ ok: true; id: number } | { ok: false; errors: Record<string, string> }> {
  const rel = input.relation
  const note = (rel.note ?? '').normalize('NFC').trim().slice(0, 500)
  let taxCode: string | null = null
  let personName: string | null = null
  if (rel.kind === 'tax_code') {
    if (!isValidTaxCode(rel.taxCode ?? '')) return { ok: false, errors: { taxCode: 'councils.relations.v.taxCode' } }
    taxCode = normaliseTaxCode(rel.taxCode)
  } else {
    personName = (rel.personName ?? '').normalize('NFC').trim().replace(/\s+/g, ' ')
    if (personName.length < 2 || personName.length > 120) return { ok: false, errors: { personName: 'councils.relations.v.personName' } }
  }
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('reviewer_relations').values({ user_id: input.userId, tax_code: taxCode, person_name: personName, note }).returning('id').executeTakeFirstOrThrow()
    await recordAudit(trx, {
      action: 'review.relation_declared',
      actor: input.actor,
      subjectType: 'user',
      subjectId: input.userId,
      ip: input.ip ?? null,
      details: { relation: row.id, taxCode, personName },
    })
    return row.id
  })
  return { ok: true, id }
}

/** Removes one of the reviewer's own relations; false when there is no such relation of theirs. */
export async function removeRelation(db: DB, input: { userId: string; relationId: number; actor: Actor; ip?: string | null }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('reviewer_relations')
      .where('id', '=', input.relationId)
      .where('user_id', '=', input.userId)
      .returning(['id', 'tax_code', 'person_name'])
      .executeTakeFirst()
    if (!removed) return false
    await recordAudit(trx, {
      action: 'review.relation_removed',
      actor: input.actor,
      subjectType: 'user',
      subjectId: input.userId,
      ip: input.ip ?? null,
      details: { relation: removed.id, taxCode: removed.tax_code, personName: removed.person_name },
    })
    return true
  })
}

import { sql } from 'kysely'
import type { DB } from '../../../db'
import { getFundSettings } from '../fund'
import type { ContractStatus, ContractTerms, LumpSumMethod, Modality, TrancheCondition, TrancheKind } from '../../../db/schema'

// The contract of a funded task as the rest of the portal reads it (payments, reports, acceptance, the task
// page): its figures, its period and its tranches. Dates are Việt Nam calendar days, 'YYYY-MM-DD'.

export interface Tranche {
  id: string
  seq: number
  kind: TrancheKind
  amount: number
  dueOn: string | null
  condition: TrancheCondition
  conditionNote: string
}

export interface Contract {
  id: string
  applicationId: string
  modality: Modality
  status: ContractStatus
  fundAmount: number
  counterpartAmount: number
  startsOn: string
  endsOn: string
  lumpSum: LumpSumMethod | null
  reportEveryMonths: number
  terms: ContractTerms
  version: number
  signedAt: Date | null
  tranches: Tranche[]
}

function contractsQuery(db: DB) {
  return db
    .selectFrom('contracts')
    .select([
      'id', 'application_id', 'modality', 'status', 'fund_amount', 'counterpart_amount', 'lump_sum', 'report_every_months', 'terms', 'version', 'signed_at',
      sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on'),
    ])
}

async function withTranches(db: DB, row: Awaited<ReturnType<ReturnType<typeof contractsQuery>['executeTakeFirst']>>): Promise<Contract | null> {
  if (!row) return null
  const tranches = await db
    .selectFrom('contract_tranches')
    .select(['id', 'seq', 'kind', 'amount', 'condition', 'condition_note', sql<string | null>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on')])
    .where('contract_id', '=', row.id)
    .orderBy('seq')
    .execute()
  return {
    id: row.id,
    applicationId: row.application_id,
    modality: row.modality,
    status: row.status,
    fundAmount: row.fund_amount,
    counterpartAmount: row.counterpart_amount,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    lumpSum: row.lump_sum,
    reportEveryMonths: row.report_every_months,
    terms: row.terms,
    version: row.version,
    signedAt: row.signed_at,
    tranches: tranches.map((t) => ({ id: t.id, seq: t.seq, kind: t.kind, amount: t.amount, dueOn: t.due_on, condition: t.condition, conditionNote: t.condition_note })),
  }
}

/** The contract of an approved application, with its tranches in order; null before one is drafted. */
export async function contractOf(db: DB, applicationId: string): Promise<Contract | null> {
  return withTranches(db, await contractsQuery(db).where('application_id', '=', applicationId).executeTakeFirst())
}

/** A contract by its id, with its tranches in order. */
export async function contractById(db: DB, contractId: string): Promise<Contract | null> {
  return withTranches(db, await contractsQuery(db).where('id', '=', contractId).executeTakeFirst())
}

/** A contract's road as its pages tell it: drafted, sent to the grantee, accepted (by whom, as what, when, from where), signed. */
export interface ContractRecord {
  createdAt: Date
  createdBy: string | null
  proposedAt: Date | null
  proposedBy: string | null
  acceptedAt: Date | null
  acceptedName: string | null
  acceptedPosition: string | null
  acceptedIp: string | null
  acceptedSha256: string | null
  signedAt: Date | null
  /** The signed contract, once the Fund signed it. */
  document: { id: string; symbol: string | null } | null
}

export async function contractRecord(db: DB, contractId: string): Promise<ContractRecord | null> {
  const row = await db
    .selectFrom('contracts as c')
    .leftJoin('users as cu', 'cu.id', 'c.created_by')
    .leftJoin('users as pu', 'pu.id', 'c.proposed_by')
    .leftJoin('documents as d', 'd.id', 'c.document_id')
    .leftJoin('document_register as r', 'r.id', 'd.register_id')
    .select([
      'c.created_at', 'cu.full_name as created_by', 'c.proposed_at', 'pu.full_name as proposed_by', 'c.accepted_at', 'c.accepted_name', 'c.accepted_position', 'c.accepted_ip',
      'c.accepted_sha256', 'c.signed_at', 'c.document_id', 'r.symbol',
    ])
    .where('c.id', '=', contractId)
    .executeTakeFirst()
  if (!row) return null
  return {
    createdAt: row.created_at,
    createdBy: row.created_by,
    proposedAt: row.proposed_at,
    proposedBy: row.proposed_by,
    acceptedAt: row.accepted_at,
    acceptedName: row.accepted_name,
    acceptedPosition: row.accepted_position,
    acceptedIp: row.accepted_ip,
    acceptedSha256: row.accepted_sha256,
    signedAt: row.signed_at,
    document: row.document_id ? { id: row.document_id, symbol: row.symbol } : null,
  }
}

/** The grantee's people who may accept its contract in the portal: the organisation's owners. */
export async function representativesOf(db: DB, applicationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('organisation_members as m', 'm.organisation_id', 'a.organisation_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('u.full_name')
    .where('a.id', '=', applicationId)
    .where('m.role', '=', 'owner')
    .where('u.status', '=', 'active')
    .orderBy('u.full_name')
    .execute()
  return rows.map((r) => r.full_name)
}

/** The two parties as the contract names them: the Fund and the grantee organisation with its legal representative. */
export interface ContractParties {
  fund: { nameVi: string; nameEn: string; address: string }
  grantee: { name: string; address: string; identifier: string; representative: string; position: string }
}

export async function contractParties(db: DB, applicationId: string): Promise<ContractParties | null> {
  const org = await db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['o.name', 'o.address_line', 'o.identifier', 'o.legal_rep_name', 'o.legal_rep_title'])
    .where('a.id', '=', applicationId)
    .executeTakeFirst()
  if (!org) return null
  const fund = await getFundSettings(db)
  return {
    fund: { nameVi: fund?.name_vi ?? '', nameEn: fund?.name_en ?? '', address: fund?.address ?? '' },
    grantee: { name: org.name, address: org.address_line, identifier: org.identifier, representative: org.legal_rep_name, position: org.legal_rep_title },
  }
}

import { sql } from 'kysely'
import type { DB } from '../../../db'
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

import { sql } from 'kysely'
import type { DB } from '../../../db'

// The ledger (issue 12): for a task, a call and the Fund by year — committed (the contracts' fund amounts),
// approved but not yet paid, paid, outstanding (committed − paid), owed back (refunds and recoveries) and
// recovered (what was received against them). Amounts are whole đồng, summed in the database.

export interface Money {
  committed: number
  approved: number
  paid: number
  outstanding: number
  owed: number
  recovered: number
}

const n = (v: unknown) => Number(v ?? 0)

/** Payments and recoveries by contract, as one row per contract (the basis of every ledger view). */
function perContract(db: DB) {
  return db
    .selectFrom('contracts as c')
    .innerJoin('applications as a', 'a.id', 'c.application_id')
    .select([
      'c.id as contract_id',
      'c.fund_amount',
      'a.id as application_id',
      'a.call_id',
      sql<number>`extract(year from c.starts_on)::int`.as('year'),
      sql<string>`(SELECT coalesce(sum(p.amount), 0) FROM payment_requests p WHERE p.contract_id = c.id AND p.status = 'approved')`.as('approved'),
      sql<string>`(SELECT coalesce(sum(p.paid_amount), 0) FROM payment_requests p WHERE p.contract_id = c.id AND p.status = 'paid')`.as('paid'),
      sql<string>`(SELECT coalesce(sum(r.amount), 0) FROM recoveries r WHERE r.contract_id = c.id)`.as('owed'),
      sql<string>`(SELECT coalesce(sum(x.amount), 0) FROM recovery_receipts x JOIN recoveries r ON r.id = x.recovery_id WHERE r.contract_id = c.id)`.as('recovered'),
    ])
    .where('c.status', 'in', ['signed', 'liquidated', 'terminated'])
}

function money(rows: { fund_amount: number; approved: string; paid: string; owed: string; recovered: string }[]): Money {
  const committed = rows.reduce((s, r) => s + n(r.fund_amount), 0)
  const paid = rows.reduce((s, r) => s + n(r.paid), 0)
  return {
    committed,
    approved: rows.reduce((s, r) => s + n(r.approved), 0),
    paid,
    outstanding: committed - paid,
    owed: rows.reduce((s, r) => s + n(r.owed), 0),
    recovered: rows.reduce((s, r) => s + n(r.recovered), 0),
  }
}

/** The money of one contract. */
export async function contractMoney(db: DB, contractId: string): Promise<Money> {
  return money(await perContract(db).where('c.id', '=', contractId).execute())
}

export interface LedgerRow extends Money {
  key: string
  label: string
  tasks: number
}

/** The ledger by call (code and title) or, with `callId`, by task of that call. */
export async function ledger(db: DB, opts: { callId?: string } = {}): Promise<LedgerRow[]> {
  let q = perContract(db)
  if (opts.callId) q = q.where('a.call_id', '=', opts.callId)
  const rows = await q.execute()
  if (opts.callId) {
    const apps = rows.length ? await db.selectFrom('applications').select(['id', 'reference', 'title']).where('id', 'in', rows.map((r) => r.application_id)).execute() : []
    const by = new Map(apps.map((a) => [a.id, a]))
    return rows
      .map((r) => ({ key: r.application_id, label: `${by.get(r.application_id)?.reference ?? ''} – ${by.get(r.application_id)?.title ?? ''}`, tasks: 1, ...money([r]) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'vi'))
  }
  const calls = rows.length ? await db.selectFrom('calls').select(['id', 'code', 'title_vi']).where('id', 'in', [...new Set(rows.map((r) => r.call_id))]).execute() : []
  return calls
    .map((c) => {
      const mine = rows.filter((r) => r.call_id === c.id)
      return { key: c.id, label: `${c.code} – ${c.title_vi}`, tasks: mine.length, ...money(mine) }
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'))
}

export interface YearRow {
  year: number
  committed: number
  paid: number
  recovered: number
}

/**
 * The Fund's totals by year: committed by the year the contract starts; paid by the day of the transfer;
 * recovered by the day it was received.
 */
export async function totalsByYear(db: DB): Promise<YearRow[]> {
  const committed = await sql<{ year: number; sum: string }>`
    SELECT extract(year from starts_on)::int AS year, sum(fund_amount) AS sum FROM contracts
    WHERE status IN ('signed', 'liquidated', 'terminated') GROUP BY 1`.execute(db)
  const paid = await sql<{ year: number; sum: string }>`
    SELECT extract(year from paid_on)::int AS year, sum(paid_amount) AS sum FROM payment_requests WHERE status = 'paid' GROUP BY 1`.execute(db)
  const recovered = await sql<{ year: number; sum: string }>`
    SELECT extract(year from received_on)::int AS year, sum(amount) AS sum FROM recovery_receipts GROUP BY 1`.execute(db)
  const years = new Map<number, YearRow>()
  const row = (y: number) => years.get(y) ?? (years.set(y, { year: y, committed: 0, paid: 0, recovered: 0 }), years.get(y)!)
  for (const r of committed.rows) row(Number(r.year)).committed = n(r.sum)
  for (const r of paid.rows) row(Number(r.year)).paid = n(r.sum)
  for (const r of recovered.rows) row(Number(r.year)).recovered = n(r.sum)
  return [...years.values()].sort((a, b) => a.year - b.year)
}

import { sql } from 'kysely'
import type { DB } from '../../../db'
import { contractById } from '../contracts/read'
import { reportSchedule } from './schedule'

// Where a contract's report schedule is written: when the work starts (the machine's start_work, workflow/rules.ts)
// and when a signed amendment changes the contract (contracts/amendments.ts), each in its own transaction. The
// pages and the reminder round only read it. Imported by path, not through the module's index, so that the
// contracts and the workflow can call it without importing the reports module (which reads the contracts).

/**
 * Makes the contract's schedule real: one row per period (idempotent, safe on two processes). When the contract
 * changes (an extension), a report nobody has submitted yet follows the new dates, and one the new schedule no
 * longer has is removed; a report already submitted is never touched. Nothing for a contract not signed. Call it
 * in a transaction.
 */
export async function drawReportSchedule(db: DB, contractId: string): Promise<void> {
  // The contract's row first, so that an amendment being signed meanwhile is waited for and its dates are read.
  await sql`SELECT id FROM contracts WHERE id = ${contractId} FOR UPDATE`.execute(db)
  const contract = await contractById(db, contractId)
  if (!contract || contract.status !== 'signed') return
  const periods = reportSchedule(contract)
  if (periods.length > 0) {
    await db
      .insertInto('progress_reports')
      .values(periods.map((p) => ({ contract_id: contractId, seq: p.seq, period_from: p.periodFrom, period_to: p.periodTo, due_on: p.dueOn })))
      .onConflict((oc) => oc.columns(['contract_id', 'seq']).doNothing())
      .execute()
    for (const p of periods) {
      await db
        .updateTable('progress_reports')
        .set({ period_from: p.periodFrom, period_to: p.periodTo, due_on: p.dueOn })
        .where('contract_id', '=', contractId)
        .where('seq', '=', p.seq)
        .where('status', '=', 'due')
        .where((eb) => eb.or([eb('due_on', '!=', sql<Date>`${p.dueOn}::date`), eb('period_from', '!=', sql<Date>`${p.periodFrom}::date`)]))
        .execute()
    }
  }
  await db.deleteFrom('progress_reports').where('contract_id', '=', contractId).where('seq', '>', periods.length).where('status', '=', 'due').execute()
}

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { DEFAULT_LOAN_RULES, disburseLoan, type LoanContext, loanTask, overdueInstalments, recordRepayment, sendLoanReminders } from '../../app/modules/loans'
import { createTestDb } from '../setup/db'
import { insertFundSettings, testEnv } from '../setup/app'
import { type ContractedTask, createContractedTask } from '../setup/award'

// A preferential loan from its disbursement to fully repaid: the schedule by the call's method, repayments split
// over the instalments, overdue instalments flagged and mailed, early repayment recomputing the rest, and the
// database refusing a schedule that does not add up to the principal.

let handle: DatabaseHandle
let dataDir: string
let env: ReturnType<typeof testEnv>
const rules = DEFAULT_LOAN_RULES

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'loans-'))
  env = testEnv({ DATA_DIR: dataDir })
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const ctx = (task: ContractedTask, today: string): LoanContext => ({ actor: task.staff, ip: null, appUrl: 'https://quy.test', today })

async function loanCallTask(method: 'equal_principal' | 'annuity', everyMonths: number) {
  const task = await createContractedTask(handle.db, env, { modality: 'preferential_loan' })
  await handle.db.updateTable('calls').set({ loan_repayment_method: method, loan_repayment_every_months: everyMonths }).where('id', '=', task.callId).execute()
  return task
}

const read = async (task: ContractedTask, today: string) => (await loanTask(handle.db, task.applicationId, today, rules))!
const mails = (template: string, to: string) =>
  handle.db.selectFrom('email_outbox').select(['subject', 'text_body']).where('template', '=', template).where('to_address', '=', to).orderBy('id').execute()

// Each test carries an application through the whole award first: slow on a busy machine.
describe('a preferential loan', { timeout: 120_000 }, () => {
  it('is disbursed, reminded, flagged overdue and repaid instalment by instalment to fully repaid', async () => {
    const task = await loanCallTask('equal_principal', 3)
    expect(await disburseLoan(handle.db, ctx(task, '2027-01-20'), task.applicationId, { disbursedOn: '2027-01-15', amount: 450_000_001, reference: 'UNC-1', rateBp: 350, termMonths: 12 })).toMatchObject({
      ok: false,
      errors: { amount: expect.stringContaining('loans.v.amount.overContract') },
    })
    expect(await disburseLoan(handle.db, ctx(task, '2027-01-20'), task.applicationId, { disbursedOn: '2027-01-15', amount: 450_000_000, reference: 'UNC-1', rateBp: 350, termMonths: 12 })).toMatchObject({ ok: true })
    expect(await disburseLoan(handle.db, ctx(task, '2027-01-20'), task.applicationId, { disbursedOn: '2027-01-15', amount: 1, reference: 'UNC-2', rateBp: 350, termMonths: 12 })).toMatchObject({
      ok: false,
      errors: { form: 'loans.error.alreadyDisbursed' },
    })

    // Quarterly, equal principal: 112.500.000 ₫ a quarter, interest 3,5 % × 3/12 on the falling balance.
    let loan = (await read(task, '2027-01-20')).loan!
    expect(loan.instalments.map((i) => [i.dueOn, i.principal, i.interest])).toEqual([
      ['2027-04-15', 112_500_000, 3_937_500],
      ['2027-07-15', 112_500_000, 2_953_125],
      ['2027-10-15', 112_500_000, 1_968_750],
      ['2028-01-15', 112_500_000, 984_375],
    ])
    const [disbursed] = await mails('loan_disbursed', task.owner.email)
    expect(disbursed!.text_body).toContain('450.000.000')
    expect(disbursed!.text_body).toContain('15/04/2027')

    // A week before the first instalment: one reminder, once; unpaid after its due date: overdue, every 7 days.
    expect(await sendLoanReminders(handle.db, new Date('2027-04-10T03:00:00Z'), rules)).toEqual({ reminders: 1, overdue: 0 })
    expect(await sendLoanReminders(handle.db, new Date('2027-04-11T03:00:00Z'), rules)).toEqual({ reminders: 0, overdue: 0 })
    expect(await sendLoanReminders(handle.db, new Date('2027-04-20T03:00:00Z'), rules)).toEqual({ reminders: 0, overdue: 1 })
    expect(await sendLoanReminders(handle.db, new Date('2027-04-21T03:00:00Z'), rules)).toEqual({ reminders: 0, overdue: 0 })
    expect(await sendLoanReminders(handle.db, new Date('2027-04-27T03:00:00Z'), rules)).toEqual({ reminders: 0, overdue: 1 })
    const [overdueMail] = await mails('loan_instalment_overdue', task.owner.email)
    expect(overdueMail!.text_body).toContain('116.437.500')
    expect((await overdueInstalments(handle.db, '2027-04-27', rules)).filter((o) => o.applicationId === task.applicationId)).toEqual([
      expect.objectContaining({ seq: 1, dueOn: '2027-04-15', owed: 116_437_500, daysLate: 12, overdueNotifiedOn: '2027-04-27' }),
    ])
    loan = (await read(task, '2027-04-27')).loan!
    expect(loan.instalments.map((i) => i.state)).toEqual(['overdue', 'upcoming', 'upcoming', 'upcoming'])

    // A scheduled repayment pays at most what is owed up to the current period; interest goes first.
    const over = await recordRepayment(handle.db, ctx(task, '2027-04-28'), task.applicationId, { kind: 'scheduled', paidOn: '2027-04-28', amount: 116_437_500 + 115_453_125 + 1, reference: 'X', note: '' })
    expect(over).toMatchObject({ ok: false, errors: { amount: 'loans.v.amount.overDue?max=231.890.625\u00a0₫' } })
    expect(await recordRepayment(handle.db, ctx(task, '2027-04-28'), task.applicationId, { kind: 'scheduled', paidOn: '2027-04-28', amount: 4_000_000, reference: 'GD-1', note: '' })).toMatchObject({ ok: true })
    loan = (await read(task, '2027-04-28')).loan!
    expect(loan.instalments[0]).toMatchObject({ paidInterest: 3_937_500, paidPrincipal: 62_500, state: 'overdue' })
    expect(loan.repayments[0]).toMatchObject({ amount: 4_000_000, interest: 3_937_500, principal: 62_500 })

    // The rest of each instalment on its due date, to the end.
    for (const i of loan.instalments) {
      const owed = (await read(task, i.dueOn)).loan!.instalments.find((x) => x.seq === i.seq)!.owed
      const r = await recordRepayment(handle.db, ctx(task, i.dueOn > '2027-04-28' ? i.dueOn : '2027-04-28'), task.applicationId, {
        kind: 'scheduled',
        paidOn: i.dueOn > '2027-04-28' ? i.dueOn : '2027-04-28',
        amount: owed,
        reference: `GD-${i.seq + 1}`,
        note: '',
        expectedVersion: (await read(task, i.dueOn)).loan!.version,
      })
      expect(r).toMatchObject({ ok: true, repaid: i.seq === 4 })
    }
    loan = (await read(task, '2028-01-15')).loan!
    expect(loan).toMatchObject({ status: 'repaid', repaidOn: '2028-01-15', totals: { principalPaid: 450_000_000, principalOutstanding: 0, interestPaid: 9_843_750, overdue: 0 } })
    expect(loan.instalments.every((i) => i.state === 'paid')).toBe(true)
    expect(await mails('loan_repaid', task.owner.email)).toHaveLength(1)
    expect(await recordRepayment(handle.db, ctx(task, '2028-02-01'), task.applicationId, { kind: 'scheduled', paidOn: '2028-02-01', amount: 1, reference: 'Z', note: '' })).toMatchObject({
      ok: false,
      errors: { form: 'loans.error.repaid' },
    })
    const audit = await handle.db.selectFrom('audit_log').select('action').where('subject_id', '=', task.applicationId).where('action', 'like', 'loan.%').execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['loan.disbursed', 'loan.repaid', ...Array(5).fill('loan.repayment_recorded')].sort())
  })

  it('recomputes the later instalments of an annuity after an early repayment, then settles', async () => {
    const task = await loanCallTask('annuity', 1)
    expect(await disburseLoan(handle.db, ctx(task, '2027-01-01'), task.applicationId, { disbursedOn: '2027-01-01', amount: 120_000_000, reference: 'UNC-9', rateBp: 600, termMonths: 12 })).toMatchObject({ ok: true })
    let loan = (await read(task, '2027-01-01')).loan!
    expect(loan.instalments.slice(0, -1).every((i) => i.principal + i.interest === 10_327_972)).toBe(true)

    // On 20/02: instalment 2 (due 01/03) is the current one; 50.000.000 ₫ beyond it lowers the balance.
    const owedThrough = loan.instalments[0]!.owed + loan.instalments[1]!.owed
    expect(await recordRepayment(handle.db, ctx(task, '2027-02-20'), task.applicationId, { kind: 'early', paidOn: '2027-02-20', amount: owedThrough + 50_000_000, reference: 'TT-1', note: 'trả trước' })).toMatchObject({ ok: true, repaid: false })
    loan = (await read(task, '2027-02-20')).loan!
    expect(loan.instalments.reduce((a, i) => a + i.principal, 0)).toBe(120_000_000)
    expect(loan.instalments.slice(0, 2).every((i) => i.owed === 0)).toBe(true)
    const balance = loan.totals.principalOutstanding
    expect(balance).toBe(120_000_000 - loan.instalments[0]!.principal - loan.instalments[1]!.principal)
    // Ten equal instalments left on the same dates, smaller than before; interest on the new balance.
    const later = loan.instalments.slice(2)
    expect(later).toHaveLength(10)
    expect(later[0]).toMatchObject({ dueOn: '2027-04-01', interest: Math.round(balance * 0.005) })
    expect(later.slice(0, -1).every((i) => i.principal + i.interest === later[0]!.principal + later[0]!.interest)).toBe(true)
    expect(later[0]!.principal + later[0]!.interest).toBeLessThan(10_327_972)

    // More than everything owed is refused; exactly the balance settles the loan and drops the later instalments.
    expect(await recordRepayment(handle.db, ctx(task, '2027-03-10'), task.applicationId, { kind: 'early', paidOn: '2027-03-10', amount: balance + later[0]!.interest + 1, reference: 'TT-2', note: '' })).toMatchObject({
      ok: false,
      errors: { amount: expect.stringContaining('loans.v.amount.overOwed') },
    })
    expect(await recordRepayment(handle.db, ctx(task, '2027-03-10'), task.applicationId, { kind: 'early', paidOn: '2027-03-10', amount: balance + later[0]!.interest, reference: 'TT-2', note: '' })).toMatchObject({ ok: true, repaid: true })
    loan = (await read(task, '2027-03-10')).loan!
    expect(loan).toMatchObject({ status: 'repaid', totals: { principalPaid: 120_000_000, principalOutstanding: 0 } })
    expect(loan.instalments).toHaveLength(3)
  })

  it('refuses a disbursement on a grant and a schedule that does not add up, in the database', async () => {
    const grant = await createContractedTask(handle.db, env)
    expect(await disburseLoan(handle.db, ctx(grant, '2027-01-20'), grant.applicationId, { disbursedOn: '2027-01-15', amount: 1_000, reference: 'U', rateBp: 0, termMonths: 3 })).toMatchObject({
      ok: false,
      errors: { form: 'loans.error.notLoan' },
    })
    const task = await loanCallTask('equal_principal', 1)
    await disburseLoan(handle.db, ctx(task, '2027-01-20'), task.applicationId, { disbursedOn: '2027-01-15', amount: 300_000_000, reference: 'U', rateBp: 0, termMonths: 3 })
    const loan = (await read(task, '2027-01-20')).loan!
    const first = loan.instalments[0]!.id
    await expect(handle.db.updateTable('loan_instalments').set({ principal: 100_000_001 }).where('id', '=', first).execute()).rejects.toThrow()
    await expect(handle.db.updateTable('loan_instalments').set({ paid_principal: 100_000_001 }).where('id', '=', first).execute()).rejects.toThrow()
    expect((await read(task, '2027-01-20')).loan!.instalments.map((i) => i.principal)).toEqual([100_000_000, 100_000_000, 100_000_000])
  })
})

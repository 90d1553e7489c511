import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { uploadStorage } from '../../app/modules/applications'
import { getReviewRules } from '../../app/modules/fund'
import {
  acceptedReportCount,
  addProduct,
  getReport,
  getTask,
  listReports,
  nextDue,
  removeProduct,
  reviewReport,
  sendReportReminders,
  submitReport,
  type Task,
} from '../../app/modules/reports'
import { createTestDb } from '../setup/db'
import { insertFundSettings, testEnv } from '../setup/app'
import { type ContractedTask, createContractedTask } from '../setup/award'
import { saveResultsDossier, submitResults } from '../../app/modules/acceptance'

// Progress reports on the contract's schedule: the grantee is reminded before the due date, told when the
// report is late and very late (the office too), each mail once however often the job runs; the report comes
// in late, the office asks for changes, the second version is accepted — and it stays marked as once late.

let handle: DatabaseHandle
let dataDir: string
let env: ReturnType<typeof testEnv>

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'reports-'))
  env = testEnv({ DATA_DIR: dataDir })
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** Noon in Việt Nam on a day. */
const vn = (day: string) => new Date(`${day}T12:00:00+07:00`)
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

async function mails(template: string) {
  return handle.db.selectFrom('email_outbox').select(['to_address', 'subject', 'text_body', 'lang']).where('template', '=', template).orderBy('id').execute()
}

async function taskOf(t: ContractedTask): Promise<Task> {
  return (await getTask(handle.db, t.applicationId))!
}

describe('progress reports', () => {
  let t: ContractedTask
  let task: Task
  beforeAll(async () => {
    // Two years from 2027-01-01: reports due 01/07/2027, 01/01/2028 and 01/07/2028; the rest is the final dossier.
    t = await createContractedTask(handle.db, env, { startsOn: '2027-01-01', endsOn: '2028-12-31' })
    task = await taskOf(t)
  })

  it('are scheduled from the contract, every six months, the first due next', async () => {
    const reports = await listReports(handle.db, t.contractId, vn('2027-03-01'))
    expect(reports.map((r) => [r.seq, r.periodFrom, r.periodTo, r.dueOn, r.status, r.lateness])).toEqual([
      [1, '2027-01-01', '2027-06-30', '2027-07-01', 'due', null],
      [2, '2027-07-01', '2027-12-31', '2028-01-01', 'due', null],
      [3, '2028-01-01', '2028-06-30', '2028-07-01', 'due', null],
    ])
    // Idempotent: listing again makes no second schedule.
    expect(await listReports(handle.db, t.contractId)).toHaveLength(3)
    expect(await nextDue(handle.db, t.contractId)).toEqual({ labelKey: 'reports.next.due', dueOn: '2027-07-01', href: `/tasks/${t.applicationId}/reports#report-1` })
    expect(await acceptedReportCount(handle.db, t.contractId)).toBe(0)
  })

  it('remind before the due date, then when late, then when very late — each once', async () => {
    const rules = await getReviewRules(handle.db)
    expect(rules).toMatchObject({ reportReminderDays: 7, reportLateAfterDays: 0, reportVeryLateAfterDays: 30 })
    expect(await sendReportReminders(handle.db, vn('2027-06-20'), rules, 'http://portal.test')).toEqual({ before: 0, late: 0, very_late: 0 })
    expect(await sendReportReminders(handle.db, vn('2027-06-25'), rules, 'http://portal.test')).toEqual({ before: 1, late: 0, very_late: 0 })
    expect(await sendReportReminders(handle.db, vn('2027-06-26'), rules, 'http://portal.test')).toEqual({ before: 0, late: 0, very_late: 0 })
    const before = await mails('report_reminder')
    expect(before.map((m) => m.to_address)).toEqual([t.owner.email])
    expect(before[0].subject).toContain('01/07/2027')
    expect(before[0].text_body).toContain(`http://portal.test/tasks/${t.applicationId}/reports#report-1`)

    // Due on 01/07: not late that day, late the next.
    expect(await sendReportReminders(handle.db, vn('2027-07-01'), rules, 'http://portal.test')).toEqual({ before: 0, late: 0, very_late: 0 })
    expect(await sendReportReminders(handle.db, vn('2027-07-02'), rules, 'http://portal.test')).toEqual({ before: 0, late: 1, very_late: 0 })
    expect(await sendReportReminders(handle.db, vn('2027-07-02'), rules, 'http://portal.test')).toEqual({ before: 0, late: 0, very_late: 0 })
    expect((await listReports(handle.db, t.contractId, vn('2027-07-02')))[0]).toMatchObject({ lateness: 'late', daysPastDue: 1 })
    // Past 30 days: very late, the grantee and the office are told.
    expect(await sendReportReminders(handle.db, vn('2027-08-01'), rules, 'http://portal.test')).toEqual({ before: 0, late: 0, very_late: 1 })
    expect(await sendReportReminders(handle.db, vn('2027-08-02'), rules, 'http://portal.test')).toEqual({ before: 0, late: 0, very_late: 0 })
    const overdue = await mails('report_overdue')
    expect(overdue.map((m) => m.to_address)).toEqual([t.owner.email, t.owner.email, t.staff.email])
    expect(overdue[1].subject).toContain('chậm nghiêm trọng')
    expect(overdue[2].text_body).toContain(`/staff/tasks/${t.applicationId}/reports#report-1`)
    expect((await listReports(handle.db, t.contractId, vn('2027-08-01')))[0]).toMatchObject({ lateness: 'very_late', daysPastDue: 31 })
  })

  it('is submitted late with a product, sent back for changes, then accepted — and stays marked as once late', async () => {
    const report = (await listReports(handle.db, t.contractId))[0]
    const storage = uploadStorage(env)
    const added = await addProduct(handle.db, storage, { task, reportId: report.id, title: 'Quy trình ủ phân hữu cơ', description: 'Bản thảo', file: { filename: 'quy-trinh.pdf', bytes: PDF }, maxBytes: 1024 * 1024, actor: t.owner })
    expect(added).toMatchObject({ ok: true })
    const exe = await addProduct(handle.db, storage, { task, reportId: report.id, title: 'Chương trình', description: '', file: { filename: 'a.pdf', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]) }, maxBytes: 1024 * 1024, actor: t.owner })
    expect(exe).toEqual({ ok: false, reason: 'type' })
    const dropped = await addProduct(handle.db, storage, { task, reportId: report.id, title: 'Nháp', description: '', maxBytes: 1024 * 1024, actor: t.owner })
    expect(dropped.ok && (await removeProduct(handle.db, { task, reportId: report.id, productId: dropped.id, actor: t.owner }))).toBe(true)

    const first = await submitReport(handle.db, { task, reportId: report.id, expectedVersion: 0, workDone: 'Đã hoàn thành nội dung 1 và 2.', problems: '', nextSteps: 'Thử nghiệm trên đồng ruộng.', actor: t.owner, appUrl: 'http://portal.test', now: vn('2027-08-03') })
    expect(first).toEqual({ ok: true, version: 1 })
    // A second click on the same form is refused, not a second version.
    expect(await submitReport(handle.db, { task, reportId: report.id, expectedVersion: 0, workDone: 'x', problems: '', nextSteps: '', actor: t.owner, appUrl: '', now: vn('2027-08-03') })).toEqual({ ok: false, reason: 'not_open' })
    const submitted = await mails('report_submitted')
    expect(submitted.map((m) => m.to_address)).toEqual([t.staff.email])
    expect(submitted[0].subject).toContain(`đã nộp báo cáo định kỳ lần 1`)
    // Once in, no more reminders for it.
    expect(await sendReportReminders(handle.db, vn('2027-09-01'), await getReviewRules(handle.db), '')).toEqual({ before: 0, late: 0, very_late: 0 })

    const asked = await reviewReport(handle.db, { task, reportId: report.id, expectedVersion: 1, outcome: 'changes_requested', note: 'Bổ sung số liệu thử nghiệm.', actor: t.staff, appUrl: 'http://portal.test', now: vn('2027-08-05') })
    expect(asked).toEqual({ ok: true, status: 'changes_requested' })
    const reviewed = await mails('report_reviewed')
    expect(reviewed.map((m) => m.to_address)).toEqual([t.owner.email])
    expect(reviewed[0].text_body).toContain('Bổ sung số liệu thử nghiệm.')
    expect(await nextDue(handle.db, t.contractId)).toMatchObject({ labelKey: 'reports.next.changes', dueOn: '2027-07-01' })

    expect(await submitReport(handle.db, { task, reportId: report.id, expectedVersion: 0, workDone: 'cũ', problems: '', nextSteps: '', actor: t.owner, appUrl: '', now: vn('2027-08-10') })).toEqual({ ok: false, reason: 'stale' })
    expect(await submitReport(handle.db, { task, reportId: report.id, expectedVersion: 1, workDone: 'Đã hoàn thành nội dung 1 và 2, kèm số liệu thử nghiệm.', problems: '', nextSteps: '', actor: t.owner, appUrl: 'http://portal.test', now: vn('2027-08-10') })).toEqual({ ok: true, version: 2 })
    expect(await reviewReport(handle.db, { task, reportId: report.id, expectedVersion: 1, outcome: 'accepted', note: '', actor: t.staff, appUrl: '' })).toEqual({ ok: false, reason: 'stale' })
    expect(await reviewReport(handle.db, { task, reportId: report.id, expectedVersion: 2, outcome: 'accepted', note: '', actor: t.staff, appUrl: 'http://portal.test', now: vn('2027-08-12') })).toEqual({ ok: true, status: 'accepted' })
    expect((await mails('report_reviewed')).at(-1)!.subject).toContain('đã được chấp nhận')

    const detail = (await getReport(handle.db, t.contractId, report.id, vn('2028-03-01')))!
    // It came in on 03/08, 33 days after 01/07: very late, and it stays so once accepted.
    expect(detail).toMatchObject({ status: 'accepted', version: 2, lateness: 'very_late', daysPastDue: 33 })
    expect(detail.versions.map((v) => [v.version, v.outcome, v.submittedBy, v.reviewedBy])).toEqual([
      [2, 'accepted', t.owner.fullName, t.staff.fullName],
      [1, 'changes_requested', t.owner.fullName, t.staff.fullName],
    ])
    expect(detail.products.map((p) => [p.title, p.version, p.filename])).toEqual([['Quy trình ủ phân hữu cơ', 1, 'quy-trinh.pdf']])
    expect(await acceptedReportCount(handle.db, t.contractId)).toBe(1)
    expect(await nextDue(handle.db, t.contractId)).toMatchObject({ dueOn: '2028-01-01' })
    const audit = await handle.db.selectFrom('audit_log').select('action').where('subject_id', '=', t.applicationId).where('action', 'like', 'report.%').orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['report.product_added', 'report.product_added', 'report.product_removed', 'report.submitted', 'report.changes_requested', 'report.submitted', 'report.accepted'])
  })

  it('refuses a report once the task is no longer in progress, and reminds nobody', async () => {
    const other = await createContractedTask(handle.db, env, { startsOn: '2027-01-01', endsOn: '2027-12-31' })
    const otherTask = await taskOf(other)
    const [report] = await listReports(handle.db, other.contractId)
    await submitCompleteResults(other)
    expect(await submitReport(handle.db, { task: otherTask, reportId: report.id, expectedVersion: 0, workDone: 'x', problems: '', nextSteps: '', actor: other.owner, appUrl: '' })).toEqual({ ok: false, reason: 'not_running' })
    const before = (await mails('report_overdue')).length
    await sendReportReminders(handle.db, vn('2027-07-05'), await getReviewRules(handle.db), '')
    expect((await mails('report_overdue')).length).toBe(before)
    // Another task's report is not this one's.
    expect(await reviewReport(handle.db, { task, reportId: report.id, expectedVersion: 0, outcome: 'accepted', note: '', actor: t.staff, appUrl: '' })).toEqual({ ok: false, reason: 'not_found' })
  })
})

/** The grantee files a complete results dossier and submits it: the task leaves `in_progress` for acceptance. */
async function submitCompleteResults(task: ContractedTask) {
  const values = { summary: 'Tóm tắt.', products: 'Sản phẩm.', self_assessment: 'Đạt.', spending_report: 'Theo dự toán.', self_rating: 'pass', spent_amount: '400.000.000' }
  expect(await saveResultsDossier(handle.db, { applicationId: task.applicationId, values, actor: task.owner })).toEqual({ ok: true })
  expect(await submitResults(handle.db, { applicationId: task.applicationId, actor: task.owner, as: 'applicant', lang: 'vi', appUrl: '' })).toMatchObject({ ok: true })
}

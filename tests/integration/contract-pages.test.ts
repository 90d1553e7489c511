import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { uploadStorage } from '../../app/modules/applications'
import * as staffContract from '../../app/routes/staff.tasks.$id_.contract'
import * as staffPreview from '../../app/routes/staff.tasks.$id_.contract.preview'
import * as taskContract from '../../app/routes/tasks.$id_.contract'
import * as taskPreview from '../../app/routes/tasks.$id_.contract.preview'
import * as taskReports from '../../app/routes/tasks.$id.reports'
import * as staffApplication from '../../app/routes/staff.applications.$id._index'
import * as memberDocument from '../../app/routes/applications.$id.documents.$documentId'
import * as applicantPage from '../../app/routes/applications.$id._index'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, mailTo, sessionFor, testContext, testEnv } from '../setup/app'
import { type ApprovedApplication, createApprovedApplication } from '../setup/award'
import { signPending } from '../setup/signing'

// The contract's road as people walk it in the portal: the office drafts it from the approved application, edits
// it (a wrong date is refused beside its field with everything typed kept; a stale page is refused), previews it
// and sends it; a member who is not the legal representative cannot accept it, the representative does; the
// office sends it for signature, the director signs it, and the office records the task under contract.

let handle: DatabaseHandle
let dataDir: string
let ctx: AppLoadContext
let a: ApprovedApplication
const cookies = {} as Record<'owner' | 'editor' | 'staff' | 'director' | 'outsider', string>

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'contract-pages-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
  a = await createApprovedApplication(handle.db, ctx.env)
  const editor = await createUser(handle.db, { roles: ['applicant'], fullName: 'Người Soạn Thảo' })
  await handle.db.insertInto('organisation_members').values({ organisation_id: a.organisationId, user_id: editor.id, role: 'editor' }).execute()
  const outsider = await createUser(handle.db, { roles: ['applicant'] })
  cookies.owner = await sessionFor(ctx, a.owner.id)
  cookies.editor = await sessionFor(ctx, editor.id)
  cookies.staff = await sessionFor(ctx, a.staff.id)
  cookies.director = await sessionFor(ctx, a.director.id)
  cookies.outsider = await sessionFor(ctx, outsider.id)
}, 120_000)
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

const staffPath = () => `/staff/tasks/${a.applicationId}/contract`
const taskPath = () => `/tasks/${a.applicationId}/contract`
const params = () => ({ id: a.applicationId })

async function data(route: { loader?: unknown }, cookie: string, path: string, extra: Record<string, string> = {}) {
  const res = await invoke(route as never, ctx, { path, cookie, params: { ...params(), ...extra } })
  expect(res.status, path).toBe(200)
  return (await res.json()) as any
}
const post = (route: { action?: unknown }, cookie: string, path: string, form: Record<string, string>) => invoke(route as never, ctx, { method: 'POST', path, cookie, params: params(), form })
const errorsOf = async (res: Response) => ((await res.json()) as any) as { errors: Record<string, { message: string }>; defaultValues: Record<string, string> }

function draftForm(version: number, over: Record<string, string> = {}) {
  return {
    intent: 'save',
    version: String(version),
    startsOn: '01/02/2027',
    endsOn: '31/01/2028',
    reportEveryMonths: '6',
    investigator: 'TS. Lê Văn Chủ Nhiệm',
    objectives: 'Xây dựng quy trình canh tác cà phê bền vững.',
    products: 'Quy trình kỹ thuật được công nhận; 02 mô hình trình diễn 5 ha.',
    quality: 'Năng suất tăng ít nhất 10 % so với đối chứng.',
    'tranche.0.kind': 'advance',
    'tranche.0.amount': '225.000.000',
    'tranche.0.dueOn': '01/02/2027',
    'tranche.0.condition': 'none',
    'tranche.1.kind': 'interim',
    'tranche.1.amount': '135.000.000',
    'tranche.1.dueOn': '',
    'tranche.1.condition': 'report_accepted',
    'tranche.2.kind': 'final',
    'tranche.2.amount': '90.000.000',
    'tranche.2.dueOn': '',
    'tranche.2.condition': 'acceptance',
    ...over,
  }
}

describe('the contract pages', () => {
  it('walk the contract from the draft to the task under contract', async () => {
    // Approved, decision issued: the office's next step is the contract's page, not the bare sign_contract.
    const desk = await data(staffApplication, cookies.staff, `/staff/applications/${a.applicationId}`)
    expect(desk.next.steps).toContainEqual({ kind: 'link', text: 'screening.next.contract.draft', href: staffPath() })
    expect(desk.next.steps.some((s: any) => s.event === 'sign_contract')).toBe(false)

    expect((await data(staffContract, cookies.staff, staffPath())).contract).toBeNull()
    // The grantee sees nothing before the contract is sent; the director reads but does not draft.
    expect((await invoke(taskContract, ctx, { path: taskPath(), cookie: cookies.owner, params: params() })).status).toBe(404)
    expect((await post(staffContract, cookies.director, staffPath(), { intent: 'draft' })).status).toBe(403)

    const drafted = await post(staffContract, cookies.staff, staffPath(), { intent: 'draft' })
    expect(drafted.status).toBe(302)
    expect(drafted.headers.get('Location')).toBe(`${staffPath()}?notice=drafted`)
    let page = await data(staffContract, cookies.staff, staffPath())
    expect(page.contract).toMatchObject({ status: 'draft', fundAmount: 450_000_000 })
    expect(page.contract.tranches.map((t: any) => t.amount)).toEqual([180_000_000, 180_000_000, 90_000_000])
    expect((await invoke(taskContract, ctx, { path: taskPath(), cookie: cookies.owner, params: params() })).status).toBe(404)
    expect((await invoke(taskPreview, ctx, { path: `${taskPath()}/preview`, cookie: cookies.owner, params: params() })).status).toBe(404)
    expect((await data(applicantPage, cookies.owner, `/applications/${a.applicationId}`)).decision.contract).toBeNull()
    const v0 = page.contract.version

    // A date that does not exist: refused beside its field, everything typed comes back.
    const bad = await post(staffContract, cookies.staff, staffPath(), draftForm(v0, { startsOn: '31/02/2027' }))
    expect(bad.status).toBe(400)
    const badBody = await errorsOf(bad)
    expect(badBody.errors.startsOn.message).toBe('contracts.e.date')
    expect(badBody.defaultValues).toMatchObject({ startsOn: '31/02/2027', products: 'Quy trình kỹ thuật được công nhận; 02 mô hình trình diễn 5 ha.', 'tranche.1.amount': '135.000.000' })
    // A tranche's amount in words: refused on that tranche's field, as the form names it.
    const word = await post(staffContract, cookies.staff, staffPath(), draftForm(v0, { 'tranche.1.amount': 'nhiều' }))
    expect(word.status).toBe(400)
    expect((await errorsOf(word)).errors['tranche.1.amount'].message).toBe('contracts.e.amount')

    const saved = await post(staffContract, cookies.staff, staffPath(), draftForm(v0))
    expect(saved.status).toBe(302)
    page = await data(staffContract, cookies.staff, staffPath())
    expect(page.contract).toMatchObject({ startsOn: '2027-02-01', endsOn: '2028-01-31', reportEveryMonths: 6 })
    expect(page.contract.tranches.map((t: any) => [t.kind, t.amount, t.dueOn, t.condition])).toEqual([
      ['advance', 225_000_000, '2027-02-01', 'none'],
      ['interim', 135_000_000, null, 'report_accepted'],
      ['final', 90_000_000, null, 'acceptance'],
    ])
    expect(page.contract.byYear).toEqual([{ year: 2027, amount: 360_000_000 }, { year: 2028, amount: 90_000_000 }])
    // The same page saved again (another tab): someone changed it; nothing typed is lost.
    const stale = await post(staffContract, cookies.staff, staffPath(), draftForm(v0, { quality: 'Bản sửa thứ hai.' }))
    expect(stale.status).toBe(409)
    const staleBody = await errorsOf(stale)
    expect(staleBody.errors.form.message).toBe('contracts.e.version')
    expect(staleBody.defaultValues.quality).toBe('Bản sửa thứ hai.')

    const preview = await invoke(staffPreview, ctx, { path: `${staffPath()}/preview`, cookie: cookies.director, params: params() })
    expect(preview.status).toBe(200)
    expect(preview.headers.get('Content-Type')).toBe('application/pdf')
    expect(new TextDecoder().decode((await preview.arrayBuffer()).slice(0, 5))).toBe('%PDF-')

    // Sent, taken back, sent again: the grantee's people are told where to read it.
    expect((await post(staffContract, cookies.staff, staffPath(), { intent: 'propose', version: String(page.contract.version) })).status).toBe(302)
    page = await data(staffContract, cookies.staff, staffPath())
    expect(page.contract.status).toBe('proposed')
    expect(page.record.proposedAt).toBeTruthy()
    expect((await post(staffContract, cookies.staff, staffPath(), { intent: 'reopen', version: String(page.contract.version) })).status).toBe(302)
    page = await data(staffContract, cookies.staff, staffPath())
    expect(page.contract.status).toBe('draft')
    expect((await post(staffContract, cookies.staff, staffPath(), { intent: 'propose', version: String(page.contract.version) })).status).toBe(302)
    const proposedMail = (await mailTo(handle.db, a.owner.email)).find((m) => m.template === 'contract_proposed')!
    expect(proposedMail.text_body).toContain(`http://localhost:3000${taskPath()}`)
    // The grantee's application page leads to it.
    expect((await data(applicantPage, cookies.owner, `/applications/${a.applicationId}`)).decision.contract).toEqual({ status: 'proposed' })

    // A member who is not the legal representative reads it, sees who can confirm, and cannot accept.
    const asEditor = await data(taskContract, cookies.editor, taskPath())
    expect(asEditor.me.representative).toBe(false)
    expect(asEditor.representatives).toContain(a.owner.fullName)
    expect(asEditor.contract.tranches).toHaveLength(3)
    expect(asEditor.parties.grantee.representative).toBeTruthy()
    const refused = await post(taskContract, cookies.editor, taskPath(), { version: String(asEditor.contract.version), position: 'Kế toán', confirmed: 'yes' })
    expect(refused.status).toBe(403)
    expect((await errorsOf(refused)).errors.form.message).toBe('contracts.e.not_representative')
    expect((await invoke(taskContract, ctx, { path: taskPath(), cookie: cookies.outsider, params: params() })).status).toBe(404)
    expect((await invoke(taskPreview, ctx, { path: `${taskPath()}/preview`, cookie: cookies.editor, params: params() })).status).toBe(200)

    // The representative must tick the confirmation; then their acceptance is recorded and the office told.
    const asOwner = await data(taskContract, cookies.owner, taskPath())
    expect(asOwner.me.representative).toBe(true)
    const unticked = await post(taskContract, cookies.owner, taskPath(), { version: String(asOwner.contract.version), position: 'Viện trưởng' })
    expect(unticked.status).toBe(400)
    const untickedBody = await errorsOf(unticked)
    expect(untickedBody.errors.confirmed.message).toBe('contracts.e.confirm')
    expect(untickedBody.defaultValues.position).toBe('Viện trưởng')
    const accepted = await post(taskContract, cookies.owner, taskPath(), { version: String(asOwner.contract.version), position: 'Viện trưởng', confirmed: 'yes' })
    expect(accepted.status).toBe(302)
    expect(accepted.headers.get('Location')).toBe(`${taskPath()}?notice=accepted`)
    page = await data(staffContract, cookies.staff, staffPath())
    expect(page.record).toMatchObject({ acceptedName: a.owner.fullName, acceptedPosition: 'Viện trưởng', acceptedIp: '203.0.113.7' })
    expect(page.record.acceptedSha256).toMatch(/^[0-9a-f]{64}$/)
    const acceptedMail = (await mailTo(handle.db, a.staff.email)).find((m) => m.template === 'contract_accepted')!
    expect(acceptedMail.text_body).toContain(`http://localhost:3000${staffPath()}`)

    // The office sends it for signature; the director signs it at /signing/:id.
    expect((await post(staffContract, cookies.director, staffPath(), { intent: 'sign' })).status).toBe(403)
    const sent = await post(staffContract, cookies.staff, staffPath(), { intent: 'sign' })
    expect(sent.status).toBe(302)
    page = await data(staffContract, cookies.staff, staffPath())
    expect(page.request?.id).toBeTruthy()
    // Taken back while the director has it: refused, the request stands.
    const reopenLate = await post(staffContract, cookies.staff, staffPath(), { intent: 'reopen', version: String(page.contract.version) })
    expect(reopenLate.status).toBe(409)
    expect((await mailTo(handle.db, a.director.email)).map((m) => m.template)).toContain('signature_requested')
    const signed = await signPending(handle.db, uploadStorage(ctx.env), { applicationId: a.applicationId }, { ...a.director, roles: ['director'] }, 'contract')
    if (!signed.ok) throw new Error(signed.reason)

    page = await data(staffContract, cookies.staff, staffPath())
    expect(page.contract.status).toBe('signed')
    expect(page.record.document).toMatchObject({ symbol: signed.document.symbol })
    const deskSigned = await data(staffApplication, cookies.staff, `/staff/applications/${a.applicationId}`)
    expect(deskSigned.next.steps).toContainEqual({ kind: 'event', event: 'sign_contract', withoutCouncil: false })
    expect(deskSigned.contract).toEqual({ status: 'signed' })

    // The grantee downloads the signed contract.
    const grantee = await data(taskContract, cookies.owner, taskPath())
    expect(grantee.record.document.id).toBe(page.record.document.id)
    expect(grantee.record.acceptedIp).toBeNull()
    const download = await invoke(memberDocument, ctx, { path: `/applications/${a.applicationId}/documents/${grantee.record.document.id}`, cookie: cookies.owner, params: { ...params(), documentId: grantee.record.document.id } })
    expect(download.status).toBe(200)
    expect(download.headers.get('Content-Type')).toBe('application/pdf')

    // The office records the task under contract, from the page's version of the application.
    const stalePage = await post(staffContract, cookies.staff, staffPath(), { intent: 'record', appVersion: String(page.application.version - 1) })
    expect(stalePage.status).toBe(409)
    const recorded = await post(staffContract, cookies.staff, staffPath(), { intent: 'record', appVersion: String(page.application.version) })
    expect(recorded.status).toBe(302)
    expect(recorded.headers.get('Location')).toBe(`${staffPath()}?notice=recorded`)
    const status = (await handle.db.selectFrom('applications').select('status').where('id', '=', a.applicationId).executeTakeFirstOrThrow()).status
    expect(status).toBe('contracted')

    // Then that the work has started, from the same page: the reports and the payments run from here. The
    // grantee's reports page has no schedule before, and the contract's (01/02/2027 to 31/01/2028, every six
    // months: one report, due 01/08/2027) once the work has started.
    const reportsPath = `/tasks/${a.applicationId}/reports`
    expect((await data(taskReports, cookies.owner, reportsPath)).reports).toEqual([])
    const contracted = await data(staffContract, cookies.staff, staffPath())
    const started = await post(staffContract, cookies.staff, staffPath(), { intent: 'start', appVersion: String(contracted.application.version) })
    expect(started.headers.get('Location')).toBe(`${staffPath()}?notice=started`)
    expect((await handle.db.selectFrom('applications').select('status').where('id', '=', a.applicationId).executeTakeFirstOrThrow()).status).toBe('in_progress')
    expect((await data(taskReports, cookies.owner, reportsPath)).reports.map((r: { seq: number; dueOn: string; status: string }) => [r.seq, r.dueOn, r.status])).toEqual([[1, '2027-08-01', 'due']])
  }, 240_000)

  it('answer hostile forms with a 4xx, never a server error', async () => {
    const hostile = ['__proto__', 'constructor', "' OR 1=1; --", '9'.repeat(400), 'NaN', '-1', '<script>alert(1)</script>', '\u0000', '31/12/99999']
    for (const intent of ['__proto__', 'toString', 'draft', 'save', 'propose', 'reopen', 'sign', 'record', 'start']) {
      for (const value of hostile) {
        const form = { ...draftForm(Number(value) || 0), intent, version: value, appVersion: value, startsOn: value, 'tranche.0.amount': value, 'tranche.0.kind': value, reportEveryMonths: value }
        const res = await post(staffContract, cookies.staff, staffPath(), form)
        expect(res.status, `${intent} ${value.slice(0, 20)}`).toBeLessThan(500)
        expect(res.status, `${intent} ${value.slice(0, 20)}`).toBeGreaterThanOrEqual(400)
      }
    }
    for (const value of hostile) {
      const res = await post(taskContract, cookies.owner, taskPath(), { version: value, position: value.repeat(3), confirmed: value })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
    }
  }, 120_000)
})

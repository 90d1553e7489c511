import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle, DB } from '../../db'
import type { ApplicationStatus, Role } from '../../db/schema'
import { vnDate } from '../../app/modules/calendar'
import * as home from '../../app/routes/home'
import * as login from '../../app/routes/login'
import { createUser, invoke, PASSWORD, sessionFor, testContext } from '../setup/app'
import { createOrganisation } from '../setup/applications'
import { createCall } from '../setup/calls'
import { createTestDb } from '../setup/db'

// The start page (/home) as each role reads it: what needs them now, from the lists the modules keep — and
// nothing of a role they do not hold. The portal here holds one of each thing that should show and one
// that should not next to it (a request for changes not yet due beside an overdue one, a council's call
// decided without councils, a notice already issued, a ballot already submitted…).

let handle: DatabaseHandle
let ctx: AppLoadContext
let db: DB
const DAY = 86_400_000
const now = new Date()
const day = (offset: number) => vnDate(new Date(now.getTime() + offset * DAY))

const people = {} as Record<'applicant' | 'staff' | 'director' | 'reviewer' | 'admin' | 'staffDirector' | 'newcomer', { id: string; email: string }>
const apps = {} as Record<string, string>
const councils = {} as Record<'forming' | 'formed' | 'concluded', string>
let callId: string
let callCode: string
let withoutCouncilCallId: string

async function application(key: string, status: ApplicationStatus, organisationId: string, extra: { call?: string; daysAgo?: number } = {}) {
  const submitted = status === 'draft' ? null : new Date(now.getTime() - (extra.daysAgo ?? 1) * DAY)
  const row = await db
    .insertInto('applications')
    .values({
      call_id: extra.call ?? callId,
      organisation_id: organisationId,
      created_by: people.applicant.id,
      title: `Hồ sơ ${key}`,
      status,
      reference: status === 'draft' ? null : `QKHCN-2026-${String(Object.keys(apps).length + 100).padStart(4, '0')}`,
      submitted_at: submitted,
      status_changed_at: submitted,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  apps[key] = row.id
  return row.id
}

async function changeRequest(applicationId: string, dueOn: string) {
  await db.insertInto('application_messages').values({ application_id: applicationId, author_id: people.staff.id, kind: 'change_request', body: 'Bổ sung báo cáo tài chính.', due_on: dueOn, sections: ['budget'] }).execute()
}

async function document(applicationId: string | null, kind: string, state: 'issued' | 'cancelled', councilId?: string) {
  const number = Math.floor(Math.random() * 1e6)
  const reg = await db
    .insertInto('document_register')
    .values({ year: 2026, doc_type: kind === 'decision' ? 'decision' : kind === 'minutes' ? 'minutes' : 'notice', number, symbol: `${number}/X-QKHCN`, state })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('documents')
    .values({ register_id: reg.id, kind, application_id: applicationId, call_id: callId, council_id: councilId ?? null, filename: 'x.pdf', size_bytes: 1, sha256: '0'.repeat(64), storage_key: `00/${'0'.repeat(64)}` })
    .execute()
}

type StartData = {
  applicant: null | { items: { id: string; next: string; due: null | { kind: string; day?: string; at?: string } }[]; total: number }
  office: null | {
    toScreen: { rows: { id: string; clock: { kind: string; elapsed: number; limit: number } | null }[]; total: number }
    changesOverdue: { rows: { id: string; clock: { kind: string; level: string } }[]; total: number }
    awaitingCouncil: { callId: string; applications: number }[]
    councilsForming: { id: string }[]
    meetingsToConclude: { id: string }[]
    documentsToIssue: { applicationId: string; kind: string }[]
    minutesToIssue: { councilId: string }[]
  }
  director: null | { decisions: { rows: { id: string }[]; total: number } }
  reviewer: null | { ballots: { id: string; applicationId: string }[]; meetings: { id: string }[] }
  admin: null | { failedMail: { rows: { subject: string }[]; total: number }; waitingUsers: { rows: { email: string; status: string }[]; total: number } }
}

async function startPageOf(userId: string): Promise<StartData> {
  const res = await invoke(home, ctx, { path: '/home', cookie: await sessionFor(ctx, userId) })
  expect(res.status).toBe(200)
  return (await res.json()) as StartData
}

beforeAll(async () => {
  handle = await createTestDb()
  ctx = testContext(handle)
  db = handle.db
  const roles: Record<keyof typeof people, Role[]> = {
    applicant: ['applicant'],
    staff: ['staff'],
    director: ['director'],
    reviewer: ['reviewer'],
    admin: ['admin'],
    staffDirector: ['staff', 'director'],
    newcomer: ['applicant'],
  }
  for (const [key, r] of Object.entries(roles)) people[key as keyof typeof people] = await createUser(db, { roles: r })
  const call = await createCall(db)
  callId = call.id
  callCode = call.code
  withoutCouncilCallId = (await createCall(db, { without_council: true })).id
  const org = await createOrganisation(db, [{ userId: people.applicant.id, role: 'owner' }])
  const other = await createOrganisation(db, [])

  await application('draft', 'draft', org)
  await changeRequest(await application('changesOverdue', 'changes_requested', org, { daysAgo: 20 }), day(-2))
  await changeRequest(await application('changesLater', 'changes_requested', other, { daysAgo: 5 }), day(10))
  await application('submitted', 'submitted', other, { daysAgo: 3 })
  await application('screening', 'screening', other, { daysAgo: 4 })
  await application('eligibleAlone', 'eligible', other)
  await application('eligibleNoCouncilNeeded', 'eligible', other, { call: withoutCouncilCallId })
  await application('recommended', 'recommended', other)
  await application('approved', 'approved', other)
  const approvedCancelled = await application('approvedCancelledNumber', 'approved', other)
  await document(approvedCancelled, 'decision', 'cancelled')
  await document(await application('rejectedIssued', 'rejected', other), 'notice', 'issued')
  await application('inReview', 'in_review', other)

  for (const status of ['forming', 'formed', 'concluded'] as const) {
    councils[status] = (
      await db.insertInto('councils').values({ call_id: callId, name_vi: `Hội đồng ${status}`, name_en: `Council ${status}`, status, updated_at: now }).returning('id').executeTakeFirstOrThrow()
    ).id
  }
  const concludedWithMinutes = (await db.insertInto('councils').values({ call_id: callId, name_vi: 'Hội đồng đã có biên bản', name_en: 'Council with minutes', status: 'concluded', updated_at: now }).returning('id').executeTakeFirstOrThrow()).id
  await document(null, 'minutes', 'issued', concludedWithMinutes)
  await db.insertInto('council_applications').values({ council_id: councils.formed, application_id: apps.inReview }).execute()
  await db.insertInto('council_members').values({ council_id: councils.formed, user_id: people.reviewer.id, role: 'secretary' }).execute()
  const assignment = async (appKey: string, conflict: 'none' | 'declared' = 'none') =>
    (await db.insertInto('review_assignments').values({ council_id: councils.formed, application_id: apps[appKey], reviewer_id: people.reviewer.id, due_on: day(3), conflict }).returning('id').executeTakeFirstOrThrow()).id
  apps.ballotDue = await assignment('inReview')
  await assignment('approved', 'declared')
  const submittedBallot = await assignment('recommended')
  await db.insertInto('reviews').values({ assignment_id: submittedBallot, state: 'submitted', submitted_at: now, updated_at: now }).execute()

  await db
    .insertInto('email_outbox')
    .values([
      { template: 'verify_email', lang: 'vi', to_address: 'khong.toi@example.vn', subject: 'Thư không gửi được', text_body: '', html_body: '', state: 'failed', next_attempt_at: now, last_error: '550 mailbox unavailable' },
      { template: 'verify_email', lang: 'vi', to_address: 'da.toi@example.vn', subject: 'Thư đã gửi', text_body: '', html_body: '', state: 'sent', next_attempt_at: now },
    ])
    .execute()
  await db.insertInto('users').values({ email: 'moi.moi@quykhcn.vn', full_name: 'Người Được Mời', password_hash: null, status: 'invited' }).execute()
  await db.insertInto('users').values({ email: 'chua.xac.minh@example.vn', full_name: 'Chưa Xác Minh', password_hash: 'x', status: 'active' }).execute()
})

afterAll(async () => {
  await handle?.close()
})

describe('the start page', () => {
  it('sends a visitor to sign in and back to /home', async () => {
    const res = await invoke(home, ctx, { path: '/home' })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/login?redirectTo=%2Fhome')
  })

  it('is where signing in lands, unless a path on the portal was asked for', async () => {
    const signIn = (redirectTo: string) => invoke(login, ctx, { method: 'POST', path: '/login', form: { email: people.applicant.email, password: PASSWORD, redirectTo }, headers: { Origin: 'http://localhost:3000' } })
    expect((await signIn('')).headers.get('Location')).toBe('/home')
    expect((await signIn('//evil.example/')).headers.get('Location')).toBe('/home')
    expect((await signIn('/applications?x=1')).headers.get('Location')).toBe('/applications?x=1')
  })

  it('shows the applicant their applications, the one with changes due first, and nothing of the Fund', async () => {
    const page = await startPageOf(people.applicant.id)
    expect(page.office).toBeNull()
    expect(page.director).toBeNull()
    expect(page.reviewer).toBeNull()
    expect(page.admin).toBeNull()
    expect(page.applicant!.total).toBe(2)
    expect(page.applicant!.items.map((i) => [i.id, i.next, i.due?.kind, i.due?.day ?? null])).toEqual([
      [apps.changesOverdue, 'respond', 'changes', day(-2)],
      [apps.draft, 'continue', 'deadline', null],
    ])
    const call = await db.selectFrom('calls').select('closes_at').where('id', '=', callId).executeTakeFirstOrThrow()
    expect(new Date(page.applicant!.items[1].due!.at!).getTime()).toBe(call.closes_at.getTime())
  })

  it('says plainly that a new applicant has nothing yet', async () => {
    const page = await startPageOf(people.newcomer.id)
    expect(page.applicant).toMatchObject({ items: [], total: 0, organisations: 0 })
  })

  it('shows the office what needs it now, with the screening clocks in working days', async () => {
    const page = await startPageOf(people.staff.id)
    expect(page.applicant).toBeNull()
    expect(page.director).toBeNull()
    const office = page.office!
    expect(office.toScreen.total).toBe(2)
    expect(office.toScreen.rows.map((r) => r.id).sort()).toEqual([apps.screening, apps.submitted].sort())
    // The call is still open: the screening clock starts at its close (Circular 20/2023), none runs yet.
    for (const r of office.toScreen.rows) expect(r.clock).toBeNull()
    expect(office.changesOverdue.total).toBe(1)
    expect(office.changesOverdue.rows[0]).toMatchObject({ id: apps.changesOverdue, clock: { kind: 'changes', level: 'overdue' } })
    expect(office.awaitingCouncil).toEqual([expect.objectContaining({ callId, callCode, applications: 1 })])
    expect(office.councilsForming.map((c) => c.id)).toEqual([councils.forming])
    expect(office.meetingsToConclude.map((c) => c.id)).toEqual([councils.formed])
    expect(office.documentsToIssue.map((d) => [d.applicationId, d.kind])).toEqual(
      expect.arrayContaining([
        [apps.approved, 'decision'],
        [apps.approvedCancelledNumber, 'decision'],
      ]),
    )
    expect(office.documentsToIssue).toHaveLength(2)
    expect(office.minutesToIssue.map((m) => m.councilId)).toEqual([councils.concluded])
  })

  it('shows the director the decisions waiting', async () => {
    const page = await startPageOf(people.director.id)
    expect(page.office).toBeNull()
    expect(page.director!.decisions.total).toBe(1)
    expect(page.director!.decisions.rows.map((r) => r.id)).toEqual([apps.recommended])
  })

  it('shows the expert the ballots still due, not those submitted or stepped aside from, and the meeting they keep', async () => {
    const page = await startPageOf(people.reviewer.id)
    expect(page.office).toBeNull()
    expect(page.reviewer!.ballots.map((b) => b.id)).toEqual([apps.ballotDue])
    expect(page.reviewer!.meetings.map((m) => m.id)).toEqual([councils.formed])
  })

  it('shows the admin failed mail and the accounts waiting', async () => {
    const page = await startPageOf(people.admin.id)
    expect(page.applicant).toBeNull()
    expect(page.admin!.failedMail.total).toBe(1)
    expect(page.admin!.failedMail.rows[0].subject).toBe('Thư không gửi được')
    expect(page.admin!.waitingUsers.rows.map((u) => [u.email, u.status]).sort()).toEqual([
      ['chua.xac.minh@example.vn', 'active'],
      ['moi.moi@quykhcn.vn', 'invited'],
    ])
  })

  it('gives a person with several roles each of their parts', async () => {
    const page = await startPageOf(people.staffDirector.id)
    expect(page.office!.toScreen.total).toBe(2)
    expect(page.director!.decisions.total).toBe(1)
    expect(page.reviewer).toBeNull()
    expect(page.admin).toBeNull()
  })
})

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import * as openingRoute from '../../app/routes/staff.calls.$id_.opening'
import { uploadStorage } from '../../app/modules/applications'
import { pdfLines } from '../../app/modules/documents/layout/pdf-check'
import { issueOpeningRecord, previewOpeningRecord } from '../../app/modules/screening/opening'
import { createTestDb } from '../setup/db'
import { createUser, insertFundSettings, invoke, sessionFor, testContext, testEnv } from '../setup/app'
import { createEligibleApplication } from '../setup/review'

// The dossier-opening record (biên bản mở hồ sơ, Circular 20/2023 Art. 7): once the call has closed the office
// issues it from the call's page, listing every dossier received, numbered by the register, once.

let handle: DatabaseHandle
let ctx: ReturnType<typeof testContext>
let dataDir: string

beforeAll(async () => {
  handle = await createTestDb()
  dataDir = await mkdtemp(join(tmpdir(), 'opening-test-'))
  ctx = testContext(handle, testEnv({ DATA_DIR: dataDir }))
  await insertFundSettings(handle.db)
})
afterAll(async () => {
  await handle.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('the dossier-opening record', () => {
  it('is refused while the call is open, then lists every dossier received, numbered once by the register', async () => {
    const first = await createEligibleApplication(handle.db, ctx.env)
    const second = await createEligibleApplication(handle.db, ctx.env, { callId: first.callId })
    const refs = await handle.db.selectFrom('applications').select('reference').where('call_id', '=', first.callId).orderBy('submitted_at').execute()
    const staff = await createUser(handle.db, { roles: ['staff'] })
    const cookie = await sessionFor(ctx, staff.id)
    const post = () => invoke(openingRoute, ctx, { method: 'POST', path: `/staff/calls/${first.callId}/opening`, cookie, params: { id: first.callId }, form: {} })

    // Still open: no record, no number.
    expect(await previewOpeningRecord(handle.db, first.callId)).toBeNull()
    expect((await post()).status).toBe(409)
    expect(await handle.db.selectFrom('document_register').select('id').execute()).toHaveLength(0)

    // Closed an hour ago (the grace minutes passed too).
    await handle.db.updateTable('calls').set({ closes_at: new Date(Date.now() - 3_600_000), grace_minutes: 0 }).where('id', '=', first.callId).execute()
    const preview = (await pdfLines((await previewOpeningRecord(handle.db, first.callId))!)).join(' ').replace(/\s+/g, ' ')
    expect(preview).toContain('BIÊN BẢN')
    expect(preview).toContain('Số hồ sơ đã nhận: 2')
    // A reference may wrap in its narrow column: compared without the spaces.
    for (const r of refs) expect(preview.replace(/\s+/g, '')).toContain(r.reference!)
    expect(preview).toContain('7 ngày làm việc kể từ ngày kết thúc tiếp nhận')
    expect(preview).not.toMatch(/Số: \d+\/BB/)

    const issued = await post()
    expect(issued.status).toBe(302)
    expect(issued.headers.get('Location')).toBe(`/staff/calls/${first.callId}?notice=opening`)
    await post()
    const register = await handle.db.selectFrom('document_register').select(['symbol', 'subject_id']).execute()
    expect(register).toEqual([{ symbol: expect.stringMatching(/^01\/BB-/), subject_id: first.callId }])
    const file = await invoke(openingRoute, ctx, { path: `/staff/calls/${first.callId}/opening`, cookie, params: { id: first.callId } })
    expect(file.status).toBe(200)
    const text = (await pdfLines(new Uint8Array(await file.arrayBuffer()))).join(' ')
    expect(text).toContain(`Số: ${register[0].symbol}`)
    expect(await issueOpeningRecord(handle.db, uploadStorage(ctx.env), { callId: first.callId, actor: staff })).toMatchObject({ ok: true, already: true })
    expect(second.callId).toBe(first.callId)
  }, 60_000)
})

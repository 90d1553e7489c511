import { readFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db'
import { renderReceipt } from '../../app/modules/documents'
import {
  AttachmentsTooLargeError,
  backoffMs,
  claimDueMessages,
  deliverDueEmails,
  enqueueEmail,
  fileTransport,
  MAX_ATTACHMENT_BYTES,
  retryMessage,
  smtpTransport,
} from '../../app/modules/notifications'
import * as adminMessage from '../../app/routes/admin.outbox.$id'
import { createUser, invoke, sessionFor, testContext } from '../setup/app'
import { createTestDb } from '../setup/db'

// Delivery through a real SMTP peer (smtp-server on a loopback port), including the peer being down.

class Peer {
  received: ParsedMail[] = []
  server: SMTPServer | undefined
  constructor(public port = 0) {}
  async start() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, done) => {
        simpleParser(stream)
          .then((mail) => this.received.push(mail))
          .then(() => done(), done)
      },
    })
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve))
    this.port = (this.server!.server.address() as { port: number }).port
  }
  async stop() {
    await new Promise<void>((resolve) => this.server!.close(() => resolve()))
  }
}

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDb()
})
afterAll(() => handle.close())

const FROM = 'Quỹ Phát triển KH&CN tỉnh Đắk Lắk <no-reply@quykhcn.daklak.gov.vn>'
const policy = { maxAttempts: 3, backoffBaseMs: 1000 }

type Attachment = { filename: string; contentType: string; content: Uint8Array }

async function queue(address: string, lang: 'vi' | 'en' = 'vi', attachments?: Attachment[]) {
  return enqueueEmail(handle.db, {
    template: 'reset_password',
    to: { address, name: 'Lê Thị Mai' },
    lang,
    data: { name: 'Lê Thị Mai', link: 'http://localhost:3000/reset-password?token=abc', hours: 1 },
    attachments,
  })
}

/** A real receipt PDF, as the submission of an application sends it. */
async function receiptPdf(): Promise<Attachment> {
  const content = await renderReceipt({
    lang: 'vi',
    fundName: 'Quỹ Phát triển Khoa học và Công nghệ tỉnh Đắk Lắk',
    parentBody: 'UBND tỉnh Đắk Lắk',
    reference: 'HS-2027-00012',
    submittedAt: new Date('2027-01-05T07:32:00Z'),
    callCode: 'KHCN-2027-01',
    callTitle: 'Hỗ trợ đổi mới công nghệ',
    organisationName: 'Công ty Cổ phần Nông sản Buôn Ma Thuột',
    organisationIdentifier: '0100233488',
    applicationTitle: 'Cà phê Đắk Lắk: giữ độ ẩm, hương vị',
    requestedAmount: 12_345_678,
    counterpartAmount: 15_000_000,
    documents: [{ name: 'Đơn đăng ký', filename: 'don-dang-ky.pdf', sizeBytes: 1000, sha256: 'ab'.repeat(32) }],
  })
  return { filename: 'Giấy biên nhận HS-2027-00012.pdf', contentType: 'application/pdf', content }
}

async function row(id: number) {
  return handle.db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function makeDue() {
  await handle.db.updateTable('email_outbox').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('state', '=', 'pending').execute()
}

describe('the outbox', () => {
  it('exists exactly when the transaction that causes it commits', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await enqueueEmail(trx, {
          template: 'verify_email',
          to: { address: 'rollback@example.vn' },
          lang: 'vi',
          data: { name: 'X', link: 'http://x', hours: 48 },
        })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const rows = await handle.db.selectFrom('email_outbox').select('id').where('to_address', '=', 'rollback@example.vn').execute()
    expect(rows).toEqual([])
  })

  it('delivers over SMTP in the recipient’s language, HTML and plain text', async () => {
    const peer = new Peer()
    await peer.start()
    const id = await queue('mai.le@example.vn', 'vi')
    const transport = smtpTransport(`smtp://127.0.0.1:${peer.port}`, FROM)
    const result = await deliverDueEmails(handle.db, transport, policy)
    transport.close()
    await peer.stop()
    expect(result).toMatchObject({ sent: 1, failed: 0 })
    const mail = peer.received.find((m) => m.subject === 'Đặt lại mật khẩu')!
    expect(mail.to).toMatchObject({ value: [{ address: 'mai.le@example.vn', name: 'Lê Thị Mai' }] })
    expect(mail.from?.value[0]).toMatchObject({ address: 'no-reply@quykhcn.daklak.gov.vn', name: 'Quỹ Phát triển KH&CN tỉnh Đắk Lắk' })
    expect(mail.text).toContain('Kính gửi Lê Thị Mai,')
    expect(mail.text).toContain('http://localhost:3000/reset-password?token=abc')
    expect(mail.html).toContain('href="http://localhost:3000/reset-password?token=abc"')
    expect(mail.headers.get('x-outbox-id')).toBe(String(id))
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: 1, last_error: null, locked_until: null })
  })

  it('retries with backoff while SMTP is down and loses nothing when it is back', async () => {
    const peer = new Peer()
    await peer.start()
    const port = peer.port
    await peer.stop() // the server is down from the start of the run
    const ids = [await queue('a@example.vn'), await queue('b@example.vn'), await queue('c@example.vn')]
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, FROM)

    const down = await deliverDueEmails(handle.db, transport, policy)
    expect(down).toMatchObject({ claimed: 3, sent: 0, failed: 3 })
    for (const id of ids) {
      const r = await row(id)
      expect(r.state).toBe('pending')
      expect(r.attempts).toBe(1)
      expect(r.last_error).toMatch(/ECONNREFUSED|connect/i)
      expect(r.next_attempt_at.getTime()).toBeGreaterThan(Date.now()) // waits before the next try
    }
    // Nothing is due yet: the worker leaves them alone.
    expect((await deliverDueEmails(handle.db, transport, policy)).claimed).toBe(0)

    const back = new Peer(port)
    await back.start()
    await makeDue()
    const up = await deliverDueEmails(handle.db, transport, policy)
    transport.close()
    await back.stop()
    expect(up).toMatchObject({ sent: 3, failed: 0 })
    expect(back.received.map((m) => m.to && 'value' in m.to && m.to.value[0].address).sort()).toEqual(['a@example.vn', 'b@example.vn', 'c@example.vn'])
    for (const id of ids) expect(await row(id)).toMatchObject({ state: 'sent', attempts: 2 })
  })

  it('loses and doubles nothing when the SMTP server stops in the middle of a run and comes back', async () => {
    const addresses = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((m) => `${m}@mid-run.example.vn`)
    const ids = []
    for (const a of addresses) ids.push(await queue(a))
    // Accepts two messages, then goes away mid-run: it answers 421 (closing), as a server shutting down does.
    let up = 2
    const received: string[] = []
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, done) => {
        stream.resume()
        stream.on('end', () => {
          if (up <= 0) return done(Object.assign(new Error('4.3.2 Service shutting down'), { responseCode: 421 }))
          up--
          received.push(...session.envelope.rcptTo.map((r) => r.address))
          done()
        })
      },
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.server.address() as { port: number }).port
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, FROM)
    const first = await deliverDueEmails(handle.db, transport, policy)
    expect(first).toMatchObject({ sent: 2, failed: 4 })
    expect(received).toHaveLength(2)
    // Back: everything left arrives, once.
    up = Number.POSITIVE_INFINITY
    await makeDue()
    const second = await deliverDueEmails(handle.db, transport, policy)
    transport.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    expect(second).toMatchObject({ sent: 4, failed: 0 })
    expect([...received].sort()).toEqual([...addresses].sort())
    for (const id of ids) expect((await row(id)).state).toBe('sent')
  })

  it('marks a message failed after the last attempt, and an admin can put it back', async () => {
    const peer = new Peer()
    await peer.start()
    const port = peer.port
    await peer.stop()
    const id = await queue('never@example.vn')
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, FROM)
    for (let i = 0; i < policy.maxAttempts; i++) {
      await makeDue()
      await deliverDueEmails(handle.db, transport, policy)
    }
    expect(await row(id)).toMatchObject({ state: 'failed', attempts: 3 })
    await makeDue()
    expect((await deliverDueEmails(handle.db, transport, policy)).claimed).toBe(0)

    expect(await retryMessage(handle.db, id)).toBe(true)
    expect(await retryMessage(handle.db, id)).toBe(false) // only a failed message
    const back = new Peer(port)
    await back.start()
    await deliverDueEmails(handle.db, transport, policy)
    transport.close()
    await back.stop()
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: 1 })
    expect(back.received).toHaveLength(1)
  })

  it('claims a due message as "sending" under a lease, so a second worker gets nothing the first one holds', async () => {
    const id = await queue('lease@example.vn')
    // The worker's own claim, as deliverDueEmails makes it.
    const before = Date.now()
    const claimed = await claimDueMessages(handle.db, 50, 60)
    const mine = claimed.find((m) => m.id === id)
    expect(mine).toMatchObject({ state: 'sending', attempts: 1 })
    expect(await row(id)).toMatchObject({ state: 'sending', attempts: 1, sent_at: null })
    const lease = (await row(id)).locked_until!.getTime()
    expect(lease).toBeGreaterThan(before + 50_000)
    expect(lease).toBeLessThan(Date.now() + 70_000)
    // While the lease holds, nobody claims it again: neither a second claim nor a second worker.
    expect((await claimDueMessages(handle.db, 50, 60)).map((m) => m.id)).not.toContain(id)
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'))
    expect((await deliverDueEmails(handle.db, fileTransport(dir, FROM), policy)).claimed).toBe(0)
  })

  it('delivers, once, a message whose worker died after claiming it, when the lease has run out', async () => {
    const id = await queue('died@example.vn')
    const peer = new Peer()
    await peer.start()
    const transport = smtpTransport(`smtp://127.0.0.1:${peer.port}`, FROM)
    try {
      // A worker claims the message with a one-second lease and dies before sending it: nothing marks it sent.
      expect((await claimDueMessages(handle.db, 50, 1)).map((m) => m.id)).toContain(id)
      expect(await deliverDueEmails(handle.db, transport, policy)).toMatchObject({ claimed: 0 })
      expect(peer.received).toHaveLength(0)
      // Once the lease has run out, another worker takes it up and delivers it.
      await new Promise((r) => setTimeout(r, 1100))
      expect(await deliverDueEmails(handle.db, transport, policy)).toMatchObject({ claimed: 1, sent: 1 })
      expect(await row(id)).toMatchObject({ state: 'sent', attempts: 2, locked_until: null })
      // And only once: nothing is due any more.
      expect(await deliverDueEmails(handle.db, transport, policy)).toMatchObject({ claimed: 0 })
      expect(peer.received.filter((m) => m.headers.get('x-outbox-id') === String(id))).toHaveLength(1)
    } finally {
      transport.close()
      await peer.stop()
    }
  })

  it('keeps mail as .eml files when there is no SMTP server configured', async () => {
    const id = await queue('file@example.vn', 'en')
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'))
    await deliverDueEmails(handle.db, fileTransport(dir, FROM), policy)
    const r = await row(id)
    expect(r.state).toBe('sent')
    expect(r.eml_file).toMatch(/\.eml$/)
    const parsed = await simpleParser(await readFile(r.eml_file!))
    expect(parsed.subject).toBe('Reset your password')
    expect(parsed.text).toContain('Dear Lê Thị Mai,')
  })

  it('sends attachments over SMTP and keeps them in the .eml file, byte for byte', async () => {
    const pdf = await receiptPdf()
    expect(Buffer.from(pdf.content.subarray(0, 5)).toString()).toBe('%PDF-')
    const id = await queue('receipt@example.vn', 'vi', [pdf])
    const stored = await row(id)
    expect(stored.attachments).toEqual([{ filename: pdf.filename, contentType: 'application/pdf', contentBase64: Buffer.from(pdf.content).toString('base64') }])

    const peer = new Peer()
    await peer.start()
    const transport = smtpTransport(`smtp://127.0.0.1:${peer.port}`, FROM)
    expect(await deliverDueEmails(handle.db, transport, policy)).toMatchObject({ sent: 1, failed: 0 })
    transport.close()
    await peer.stop()
    const mail = peer.received.find((m) => m.headers.get('x-outbox-id') === String(id))!
    expect(mail.text).toContain('Kính gửi Lê Thị Mai,') // the body is still there beside the file
    expect(mail.attachments).toHaveLength(1)
    expect(mail.attachments[0]).toMatchObject({ filename: pdf.filename, contentType: 'application/pdf', size: pdf.content.byteLength })
    expect(Buffer.compare(mail.attachments[0].content, Buffer.from(pdf.content))).toBe(0)

    // The same message kept as an .eml file when there is no SMTP server.
    await handle.db.updateTable('email_outbox').set({ state: 'pending', next_attempt_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute()
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'))
    expect((await deliverDueEmails(handle.db, fileTransport(dir, FROM), policy)).sent).toBe(1)
    const eml = await simpleParser(await readFile((await row(id)).eml_file!))
    expect(eml.attachments.map((a) => [a.filename, a.contentType])).toEqual([[pdf.filename, 'application/pdf']])
    expect(Buffer.compare(eml.attachments[0].content, Buffer.from(pdf.content))).toBe(0)

    // The admin's page of the message names the file and its size, without carrying its bytes.
    const ctx = testContext(handle)
    const admin = await createUser(handle.db, { roles: ['admin'] })
    const res = await invoke(adminMessage, ctx, { path: `/admin/outbox/${id}`, cookie: await sessionFor(ctx, admin.id), params: { id: String(id) } })
    expect(res.status).toBe(200)
    const page = (await res.json()) as { message: Record<string, unknown>; attachments: unknown }
    expect(page.attachments).toEqual([{ filename: pdf.filename, contentType: 'application/pdf', sizeBytes: pdf.content.byteLength }])
    expect(page.message).not.toHaveProperty('attachments')
  })

  it('refuses attachments over the size limit, and writes nothing', async () => {
    const big = { filename: 'big.pdf', contentType: 'application/pdf', content: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) }
    await expect(queue('too-big@example.vn', 'vi', [big])).rejects.toBeInstanceOf(AttachmentsTooLargeError)
    const half = { ...big, content: new Uint8Array(MAX_ATTACHMENT_BYTES / 2 + 1) }
    await expect(queue('too-big@example.vn', 'vi', [half, half])).rejects.toThrow(/exceed/)
    const rows = await handle.db.selectFrom('email_outbox').select('id').where('to_address', '=', 'too-big@example.vn').execute()
    expect(rows).toEqual([])
    // a message without attachments stores an empty list
    expect((await row(await queue('plain@example.vn'))).attachments).toEqual([])
  })

  it('backs off exponentially, capped, with jitter', () => {
    const samples = [1, 2, 3, 4].map((n) => backoffMs(n, 1000))
    expect(samples[0]).toBeGreaterThanOrEqual(800)
    expect(samples[0]).toBeLessThanOrEqual(1200)
    expect(samples[3]).toBeGreaterThanOrEqual(6400)
    expect(samples[3]).toBeLessThanOrEqual(9600)
    expect(backoffMs(40, 1000)).toBeLessThanOrEqual(6 * 3600_000 * 1.2)
  })
})

describe('attachments drawn after the commit', () => {
  it('draws a described attachment when the worker first takes the message, keeps its bytes, and says why when it cannot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-generated-'))
    const transport = fileTransport(dir, FROM)
    const id = await enqueueEmail(handle.db, {
      template: 'reset_password',
      to: { address: 'generated@example.vn', name: 'Lê Thị Mai' },
      lang: 'vi',
      data: { name: 'Lê Thị Mai', link: 'http://localhost:3000/reset-password?token=abc', hours: 1 },
      attachments: [{ filename: 'Giấy biên nhận HS-2027-00012.pdf', contentType: 'application/pdf', generate: { kind: 'test_receipt', params: { reference: 'HS-2027-00012' } } }],
    })
    // Queued without bytes: the admin's page says it is drawn when sent.
    expect((await row(id)).attachments).toEqual([
      { filename: 'Giấy biên nhận HS-2027-00012.pdf', contentType: 'application/pdf', generate: { kind: 'test_receipt', params: { reference: 'HS-2027-00012' } } },
    ])
    const ctx = testContext(handle)
    const admin = await createUser(handle.db, { roles: ['admin'] })
    const page = async () =>
      ((await (await invoke(adminMessage, ctx, { path: `/admin/outbox/${id}`, cookie: await sessionFor(ctx, admin.id), params: { id: String(id) } })).json()) as { attachments: unknown })
        .attachments
    expect(await page()).toEqual([{ filename: 'Giấy biên nhận HS-2027-00012.pdf', contentType: 'application/pdf', sizeBytes: null }])

    // A worker that does not know the kind fails the attempt with the reason, and sends nothing.
    expect(await deliverDueEmails(handle.db, transport, policy)).toMatchObject({ failed: 1 })
    const refused = await row(id)
    expect(refused).toMatchObject({ state: 'pending', attempts: 1 })
    expect(refused.last_error).toContain('no renderer for the attachment kind "test_receipt"')
    expect(refused.attachments[0]).toHaveProperty('generate')

    // One that knows it draws it once: the bytes are stored, and a resend sends the same file without drawing again.
    const pdf = await receiptPdf()
    let drawn = 0
    const renderers = {
      test_receipt: async (_db: unknown, params: Record<string, string>) => {
        drawn++
        expect(params).toEqual({ reference: 'HS-2027-00012' })
        return pdf.content
      },
    }
    await makeDue()
    expect(await deliverDueEmails(handle.db, transport, { ...policy, renderers })).toMatchObject({ sent: 1, failed: 0 })
    const sent = await row(id)
    expect(sent.state).toBe('sent')
    expect(sent.attachments).toEqual([{ filename: 'Giấy biên nhận HS-2027-00012.pdf', contentType: 'application/pdf', contentBase64: Buffer.from(pdf.content).toString('base64') }])
    const eml = await simpleParser(await readFile(sent.eml_file!))
    expect(Buffer.compare(eml.attachments[0].content, Buffer.from(pdf.content))).toBe(0)
    expect(await page()).toEqual([{ filename: 'Giấy biên nhận HS-2027-00012.pdf', contentType: 'application/pdf', sizeBytes: pdf.content.byteLength }])

    await handle.db.updateTable('email_outbox').set({ state: 'pending', next_attempt_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute()
    expect(await deliverDueEmails(handle.db, transport, { ...policy, renderers })).toMatchObject({ sent: 1 })
    expect(drawn).toBe(1)
  })
})

import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { linkIn, type SmtpPeer, startSmtpPeer } from '../e2e/support/smtp'

// The SMTP peer the portal delivers to in the HTTP and browser tests: a message sent over SMTP (as the
// portal's nodemailer transport sends it) arrives parsed, and waiting hands each message out once.

let peer: SmtpPeer
beforeAll(async () => {
  peer = await startSmtpPeer()
})
afterAll(() => peer.close())

function send(to: string, subject: string, text: string) {
  const transport = nodemailer.createTransport(peer.url)
  return transport.sendMail({ from: 'Quỹ KH&CN <no-reply@quykhcn.example>', to: `Người nhận <${to}>`, subject, text, html: `<p>${text}</p>` }).finally(() => transport.close())
}

describe('SMTP peer', () => {
  test('receives and parses a message; waitFor hands out each message once, in order', async () => {
    const waiting = peer.inbox.waitFor('An.Nguyen@example.vn', /Xác minh/)
    await send('an.nguyen@example.vn', 'Xác minh địa chỉ thư điện tử của bạn', 'Mở http://127.0.0.1:1/verify-email?token=abc_DEF-123 để xác minh.')
    const first = await waiting
    expect(first.subject).toBe('Xác minh địa chỉ thư điện tử của bạn')
    expect(first.to).toEqual(['an.nguyen@example.vn'])
    expect(first.from).toBe('no-reply@quykhcn.example')
    expect(first.html).toContain('<p>Mở')
    expect(linkIn(first, 'http://127.0.0.1:1', '/verify-email')).toBe('/verify-email?token=abc_DEF-123')

    await send('an.nguyen@example.vn', 'Xác minh lần hai', 'Lần hai')
    expect((await peer.inbox.waitFor('an.nguyen@example.vn', /Xác minh/)).subject).toBe('Xác minh lần hai')
    expect(peer.inbox.all('an.nguyen@example.vn')).toHaveLength(2)
  })

  test('waitFor fails after its timeout, listing what did arrive', async () => {
    await expect(peer.inbox.waitFor('nobody@example.vn', 'Không có', 300)).rejects.toThrow(/No mail to nobody@example\.vn.*\n.*an\.nguyen@example\.vn/)
  })

  test('linkIn explains a missing link', async () => {
    const [mail] = peer.inbox.all('an.nguyen@example.vn')
    expect(() => linkIn(mail, 'http://127.0.0.1:1', '/reset-password')).toThrow(/No http:\/\/127\.0\.0\.1:1\/reset-password\?token= link/)
  })
})

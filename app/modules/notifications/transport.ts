import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import type { OutboxMessage } from '../../../db/schema'

export interface MailTransport {
  kind: 'smtp' | 'file'
  send(message: OutboxMessage): Promise<{ messageId: string | null; emlFile: string | null }>
  close(): void
}

function mailOf(message: OutboxMessage, from: string) {
  return {
    from,
    to: message.to_name ? { name: message.to_name, address: message.to_address } : message.to_address,
    subject: message.subject,
    text: message.text_body,
    html: message.html_body,
    headers: { 'X-Outbox-Id': String(message.id) },
    attachments: (message.attachments ?? []).map((a) => {
      // The worker generates deferred attachments before it sends (worker.ts); one left here is a bug.
      if (!('contentBase64' in a)) throw new Error(`attachment ${a.filename} was not generated before sending`)
      return { filename: a.filename, content: Buffer.from(a.contentBase64, 'base64'), contentType: a.contentType }
    }),
  }
}

/** Real SMTP delivery through nodemailer. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url)
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transporter.sendMail(mailOf(message, from))
      return { messageId: info.messageId ?? null, emlFile: null }
    },
    close: () => transporter.close(),
  }
}

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })

/** The message as RFC 5322 bytes (an .eml file), exactly as it would go over SMTP. */
export async function messageAsEml(message: OutboxMessage, from: string) {
  const info = await composer.sendMail(mailOf(message, from))
  return { bytes: info.message as Buffer, messageId: info.messageId ?? null }
}

/** Without SMTP the message is written as an .eml file, which any mail program opens. */
export function fileTransport(dir: string, from: string): MailTransport {
  return {
    kind: 'file',
    async send(message) {
      const eml = await messageAsEml(message, from)
      await mkdir(dir, { recursive: true })
      const file = join(dir, `${String(message.id).padStart(6, '0')}-${message.template}.eml`)
      await writeFile(file, eml.bytes)
      return { messageId: eml.messageId, emlFile: file }
    },
    close: () => {},
  }
}

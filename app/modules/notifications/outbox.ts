import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database, GeneratedAttachment, OutboxAttachment, OutboxMessage, OutboxState } from '../../../db/schema'
import { type EmailData, type EmailTemplateName, renderEmail } from '../../../emails'
import type { Lang } from '../../i18n'

type Q = Kysely<Database> | Transaction<Database>

export interface EnqueueEmail<N extends EmailTemplateName> {
  template: N
  to: { address: string; name?: string | null }
  lang: Lang
  data: EmailData<N>
  /** Files sent with the message (a receipt PDF…), kept in the outbox row so a retry sends the same bytes. */
  attachments?: EmailAttachment[]
}

/**
 * A file to send: its bytes, or what the worker is to generate once the queuing transaction has committed
 * (so a request does not draw a PDF while it holds locks; see AttachmentRenderers). Either way a retry
 * sends the same bytes: generated ones are stored in the row the first time.
 */
export type EmailAttachment = { filename: string; contentType: string } & ({ content: Uint8Array } | { generate: GeneratedAttachment })

/** Draws a generated attachment from committed data; the outbox worker is given one per kind it may meet. */
export type AttachmentRenderer = (db: Q, params: Record<string, string>) => Promise<Uint8Array>
export type AttachmentRenderers = Readonly<Record<string, AttachmentRenderer>>

/**
 * The most a message may carry in attachments, in bytes before base64. Mail servers commonly refuse
 * messages above 10–25 MB, and the bytes live in the outbox row: a message is not a file store.
 */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024

export class AttachmentsTooLargeError extends Error {
  constructor(readonly totalBytes: number) {
    super(`attachments of ${totalBytes} bytes exceed the outbox limit of ${MAX_ATTACHMENT_BYTES} bytes`)
    this.name = 'AttachmentsTooLargeError'
  }
}

/** Checks the size and encodes attachments as stored in email_outbox.attachments. */
export function encodeAttachments(attachments: EmailAttachment[] = []): OutboxAttachment[] {
  const total = attachments.reduce((n, a) => n + ('content' in a ? a.content.byteLength : 0), 0)
  if (total > MAX_ATTACHMENT_BYTES) throw new AttachmentsTooLargeError(total)
  return attachments.map((a) => {
    const filename = a.filename.normalize('NFC').replace(/[\\/\r\n\t\0]/g, '_').trim()
    if (!filename) throw new Error('an attachment needs a file name')
    if (!/^[\w.+-]+\/[\w.+-]+(;[^\r\n]*)?$/.test(a.contentType)) throw new Error(`invalid content type for ${filename}: ${a.contentType}`)
    if ('generate' in a) return { filename, contentType: a.contentType, generate: { kind: a.generate.kind, params: { ...a.generate.params } } }
    return {
      filename,
      contentType: a.contentType,
      contentBase64: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength).toString('base64'),
    }
  })
}

/** Name, type and size of each attachment of a stored message, without the bytes (for lists and pages); the size
 * is null while the attachment is still to be generated. */
export function attachmentSummaries(message: Pick<OutboxMessage, 'attachments'>): { filename: string; contentType: string; sizeBytes: number | null }[] {
  return (message.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    sizeBytes: 'contentBase64' in a ? Buffer.byteLength(a.contentBase64, 'base64') : null,
  }))
}

/**
 * Generates the attachments a claimed message still describes, stores their bytes in its row (so every later
 * attempt sends the same file) and returns the message ready to send. Throws, leaving the row as it was, when a
 * kind has no renderer or drawing fails: the attempt then fails like a refused delivery, with the reason.
 */
export async function generateAttachments(db: Q, message: OutboxMessage, renderers: AttachmentRenderers): Promise<OutboxMessage> {
  const list = message.attachments ?? []
  if (!list.some((a) => 'generate' in a)) return message
  const files: EmailAttachment[] = []
  for (const a of list) {
    if ('contentBase64' in a) {
      files.push({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })
      continue
    }
    const render = Object.hasOwn(renderers, a.generate.kind) ? renderers[a.generate.kind] : undefined
    if (!render) throw new Error(`no renderer for the attachment kind "${a.generate.kind}" (${a.filename})`)
    files.push({ filename: a.filename, contentType: a.contentType, content: await render(db, a.generate.params) })
  }
  const attachments = encodeAttachments(files)
  await db.updateTable('email_outbox').set({ attachments }).where('id', '=', message.id).execute()
  return { ...message, attachments }
}

/**
 * Writes a message to the outbox. Call it with the transaction of the change that causes the mail:
 * the message exists exactly when the change commits, and the worker delivers it afterwards.
 */
export async function enqueueEmail<N extends EmailTemplateName>(db: Q, mail: EnqueueEmail<N>): Promise<number> {
  const attachments = encodeAttachments(mail.attachments) // before rendering the mail: refuse early
  const rendered = renderEmail(mail.template, mail.data, mail.lang)
  const row = await db
    .insertInto('email_outbox')
    .values({
      template: mail.template,
      lang: mail.lang,
      to_address: mail.to.address,
      to_name: mail.to.name ?? null,
      subject: rendered.subject,
      text_body: rendered.text,
      html_body: rendered.html,
      attachments,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * Claims up to `limit` due messages for delivery. A claim is a lease (`locked_until`): a worker that dies
 * mid-send leaves the message to be claimed again when the lease ends. SKIP LOCKED lets N workers share the table.
 */
export async function claimDueMessages(db: Q, limit: number, leaseSeconds = 120): Promise<OutboxMessage[]> {
  const result = await sql<OutboxMessage>`
    UPDATE email_outbox SET state = 'sending', attempts = attempts + 1,
      locked_until = now() + make_interval(secs => ${leaseSeconds})
    WHERE id IN (
      SELECT id FROM email_outbox
      WHERE state IN ('pending', 'sending') AND next_attempt_at <= now()
        AND (locked_until IS NULL OR locked_until < now())
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(db)
  return result.rows
}

export async function markSent(db: Q, id: number, info: { messageId: string | null; emlFile: string | null }) {
  await db
    .updateTable('email_outbox')
    .set({
      state: 'sent',
      sent_at: new Date(),
      locked_until: null,
      last_error: null,
      message_id: info.messageId,
      eml_file: info.emlFile,
    })
    .where('id', '=', id)
    .execute()
}

/** Delay before attempt n+1: base·2^(n−1), capped at six hours, with ±20% jitter so retries do not stampede. */
export function backoffMs(attempts: number, baseMs: number): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 6 * 3600_000)
  return Math.round(raw * (0.8 + Math.random() * 0.4))
}

export async function markFailedAttempt(
  db: Q,
  message: Pick<OutboxMessage, 'id' | 'attempts'>,
  error: string,
  policy: { maxAttempts: number; backoffBaseMs: number },
) {
  const giveUp = message.attempts >= policy.maxAttempts
  await db
    .updateTable('email_outbox')
    .set({
      state: giveUp ? 'failed' : 'pending',
      locked_until: null,
      last_error: error.slice(0, 2000),
      next_attempt_at: new Date(Date.now() + (giveUp ? 0 : backoffMs(message.attempts, policy.backoffBaseMs))),
    })
    .where('id', '=', message.id)
    .execute()
}

/** Puts a failed message back in the queue, due now, with a fresh count of attempts. */
export async function retryMessage(db: Q, id: number): Promise<boolean> {
  const r = await db
    .updateTable('email_outbox')
    .set({ state: 'pending', attempts: 0, next_attempt_at: new Date(), locked_until: null })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export interface OutboxFilter {
  state?: OutboxState
  to?: string
  page?: number
  pageSize?: number
}

export type OutboxListRow = Pick<
  OutboxMessage,
  'id' | 'created_at' | 'template' | 'to_address' | 'subject' | 'state' | 'attempts' | 'sent_at' | 'last_error' | 'next_attempt_at' | 'eml_file'
>

export async function listOutbox(db: Q, filter: OutboxFilter): Promise<{ rows: OutboxListRow[]; total: number; counts: Record<OutboxState, number> }> {
  const pageSize = filter.pageSize ?? 50
  const page = Math.max(1, filter.page ?? 1)
  let q = db.selectFrom('email_outbox')
  if (filter.state) q = q.where('state', '=', filter.state)
  if (filter.to) q = q.where('to_address', 'ilike', `%${filter.to.replace(/[\\%_]/g, '\\$&')}%`)
  const rows = await q
    .select(['id', 'created_at', 'template', 'to_address', 'subject', 'state', 'attempts', 'sent_at', 'last_error', 'next_attempt_at', 'eml_file'])
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const byState = await db
    .selectFrom('email_outbox')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute()
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0 }
  for (const r of byState) counts[r.state] = Number(r.n)
  return { rows, total: Number(total.n), counts }
}

export async function getOutboxMessage(db: Q, id: number): Promise<OutboxMessage | undefined> {
  return db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst()
}

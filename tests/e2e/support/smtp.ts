import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

// A real SMTP peer in the test process: the portal delivers to it over TCP (nodemailer, no TLS), and
// the messages it receives are parsed and kept in an inbox the tests can wait on.

export interface ReceivedMail {
  /** Envelope recipients, lower case. */
  to: string[]
  /** Envelope sender. */
  from: string
  subject: string
  text: string
  html: string
  headers: Map<string, unknown>
  raw: Buffer
  receivedAt: Date
}

export type SubjectMatcher = string | RegExp | ((subject: string) => boolean)

function matches(subject: string, matcher: SubjectMatcher | undefined) {
  if (matcher === undefined) return true
  if (typeof matcher === 'string') return subject === matcher
  if (matcher instanceof RegExp) return matcher.test(subject)
  return matcher(subject)
}

export class Inbox {
  readonly messages: ReceivedMail[] = []
  private readonly claimed = new WeakSet<ReceivedMail>()
  private listeners = new Set<() => void>()

  add(mail: ReceivedMail) {
    this.messages.push(mail)
    for (const notify of [...this.listeners]) notify()
  }

  /** Every message received for an address (and subject), claimed or not, oldest first. */
  all(to: string, subject?: SubjectMatcher): ReceivedMail[] {
    const address = to.toLowerCase()
    return this.messages.filter((m) => m.to.includes(address) && matches(m.subject, subject))
  }

  private takeNext(to: string, subject?: SubjectMatcher) {
    const mail = this.all(to, subject).find((m) => !this.claimed.has(m))
    if (mail) this.claimed.add(mail)
    return mail
  }

  /**
   * The oldest message for `to` (and subject) not yet returned by an earlier waitFor; waits for it to
   * arrive. Each message is handed out once, so waiting twice gets the second message.
   */
  waitFor(to: string, subject?: SubjectMatcher, timeoutMs = 20_000): Promise<ReceivedMail> {
    const now = this.takeNext(to, subject)
    if (now) return Promise.resolve(now)
    return new Promise((resolve, reject) => {
      const check = () => {
        const mail = this.takeNext(to, subject)
        if (!mail) return
        cleanup()
        resolve(mail)
      }
      const timer = setTimeout(() => {
        cleanup()
        const seen = this.messages.map((m) => `  - to ${m.to.join(', ')}: "${m.subject}"`).join('\n') || '  (none)'
        reject(new Error(`No mail to ${to}${subject === undefined ? '' : ` matching ${String(subject)}`} within ${timeoutMs} ms. Received:\n${seen}`))
      }, timeoutMs)
      const cleanup = () => {
        clearTimeout(timer)
        this.listeners.delete(check)
      }
      this.listeners.add(check)
    })
  }
}

export interface SmtpPeer {
  /** The SMTP_URL to give the portal. */
  url: string
  port: number
  inbox: Inbox
  close(): Promise<void>
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const inbox = new Inbox()
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('error', callback)
      stream.on('end', () => {
        const raw = Buffer.concat(chunks)
        simpleParser(raw)
          .then((parsed) => {
            inbox.add({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
              raw,
              receivedAt: new Date(),
            })
            callback()
          })
          .catch((error: Error) => callback(error))
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    inbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The path and query of the first link to the portal's `path` in a message's text. */
export function linkIn(mail: ReceivedMail, baseUrl: string, path: string): string {
  const escaped = `${baseUrl}${path}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const m = mail.text.match(new RegExp(`${escaped}\\?token=[A-Za-z0-9_%.-]+`))
  if (!m) throw new Error(`No ${baseUrl}${path}?token= link in the mail "${mail.subject}":\n${mail.text}`)
  return m[0].slice(baseUrl.length)
}

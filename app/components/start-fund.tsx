import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { ApplicationStatus } from '../../db/schema'
import { formatDateTime, formatDay, formatMoney } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import type { StartPage } from '../modules/start'
import { assignmentNextStep } from '../modules/review/rules'
import { councilName } from '../modules/review/names'
import { ClockLines } from './clock'
import { DataTable } from './table'
import { Tag } from './ui'
import { StatusTag } from './workflow'

// The Fund's parts of the start page (/home): the office's, the director's, the expert's and the admin's.
// Shown only to the Fund's people, whose browsers load the Fund's messages (ADR 013).

/** What the loader sends of the start page: dates as strings. */
type Sent<T> = T extends Date ? string : T extends (infer U)[] ? Sent<U>[] : T extends object ? { [K in keyof T]: Sent<T[K]> } : T
type Part_<K extends keyof StartPage> = Sent<NonNullable<StartPage[K]>>

/** One list of the page: its heading, the items or a plain "nothing waiting", and the way to the full list. */
export function Part({ id, title, level = 3, empty, count, all, children }: { id: string; title: string; level?: 2 | 3; empty: string; count: number; all?: { to: string; text: string }; children: ReactNode }) {
  const t = useT()
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <section aria-labelledby={id} className="start-part">
      <Heading id={id} className={level === 3 ? 'heading-s' : undefined}>
        {title}
      </Heading>
      {count === 0 ? (
        <p>{empty}</p>
      ) : (
        <>
          {children}
          <p className="secondary">
            {t('start.total', { count })}
            {all ? (
              <>
                {' · '}
                <Link to={all.to}>{all.text}</Link>
              </>
            ) : null}
          </p>
        </>
      )}
    </section>
  )
}

type InboxRows = Part_<'office'>['toScreen']['rows']

/** Applications as the Fund's people see them on the start page, with their clocks. */
function ApplicationRows({ caption, rows }: { caption: string; rows: InboxRows }) {
  const t = useT()
  return (
    <DataTable
      caption={caption}
      columns={[{ label: t('start.col.application') }, { label: t('start.col.status') }, { label: t('start.col.clock') }]}
      rows={rows.map((r) => (
        <tr key={r.id}>
          <td>
            <Link to={`/staff/applications/${r.id}`}>{r.reference ?? r.title}</Link>
            <div>{r.title}</div>
            <div className="hint">
              {r.organisationName} · {r.callCode}
            </div>
          </td>
          <td>
            <StatusTag status={r.status as ApplicationStatus} />
          </td>
          <td className="inbox-clock">
            <ClockLines clock={r.clock} />
          </td>
        </tr>
      ))}
    />
  )
}

export function OfficePart({ office }: { office: Part_<'office'> }) {
  const t = useT()
  const lang = useLang()
  const councilsToForm = office.awaitingCouncil.length + office.councilsForming.length
  const documents = office.documentsToIssue.length + office.minutesToIssue.length
  return (
    <section aria-labelledby="start-office">
      <h2 id="start-office">{t('start.office.title')}</h2>
      <Part id="start-screen" title={t('start.office.screen')} empty={t('start.office.screen.empty')} count={office.toScreen.total} all={{ to: '/staff/applications?sort=clock', text: t('start.office.screen.all') }}>
        <ApplicationRows caption={t('start.office.screen')} rows={office.toScreen.rows} />
      </Part>
      <Part
        id="start-overdue"
        title={t('start.office.overdue')}
        empty={t('start.office.overdue.empty')}
        count={office.changesOverdue.total}
        all={{ to: '/staff/applications?status=changes_requested&sort=clock', text: t('start.office.overdue.all') }}
      >
        <ApplicationRows caption={t('start.office.overdue')} rows={office.changesOverdue.rows} />
      </Part>
      <Part id="start-councils" title={t('start.office.councils')} empty={t('start.office.councils.empty')} count={councilsToForm} all={{ to: '/staff/councils', text: t('councils.nav') }}>
        <ul className="list-bullet">
          {office.awaitingCouncil.map((c) => (
            <li key={c.callId}>
              <Link to={`/staff/councils/new?call=${c.callId}`}>{t('start.office.councils.new', { code: c.callCode })}</Link>
              <div className="hint">
                {lang === 'en' && c.callTitleEn ? c.callTitleEn : c.callTitleVi} · {t('start.office.councils.awaiting', { count: c.applications })}
              </div>
            </li>
          ))}
          {office.councilsForming.map((c) => (
            <li key={c.id}>
              <Link to={`/staff/councils/${c.id}`}>{t('start.office.councils.finish', { name: councilName(c, lang) })}</Link> <Tag tone="yellow">{t('start.office.councils.forming')}</Tag>
              <div className="hint">{c.callCode}</div>
            </li>
          ))}
        </ul>
      </Part>
      <Part id="start-meetings" title={t('start.office.meetings')} empty={t('start.office.meetings.empty')} count={office.meetingsToConclude.length}>
        <ul className="list-bullet">
          {office.meetingsToConclude.map((c) => (
            <li key={c.id}>
              <Link to={`/staff/councils/${c.id}/meeting`}>{t('start.office.meetings.open', { name: councilName(c, lang) })}</Link>
              <div className="hint">
                {c.callCode}
                {c.reviewDueOn ? ` · ${t('start.office.meetings.ballotsDue', { date: formatDay(c.reviewDueOn) })}` : ''}
              </div>
            </li>
          ))}
        </ul>
      </Part>
      <Part id="start-documents" title={t('start.office.documents')} empty={t('start.office.documents.empty')} count={documents} all={{ to: '/staff/register', text: t('docRegister.title') }}>
        <ul className="list-bullet">
          {office.documentsToIssue.map((d) => (
            <li key={d.applicationId}>
              <Link to={`/staff/applications/${d.applicationId}#documents`}>
                {t('start.office.documents.issue', { document: t(`start.office.documents.${d.kind}`), subject: d.reference ?? d.title })}
              </Link>
              {d.waitingSignature ? (
                <>
                  {' '}
                  <Tag tone="yellow">{t('signing.state.pending')}</Tag>
                </>
              ) : null}
              <div className="hint">
                {d.title} · {d.organisation}
              </div>
            </li>
          ))}
          {office.minutesToIssue.map((m) => (
            <li key={m.councilId}>
              <Link to={`/staff/councils/${m.councilId}/minutes`}>
                {t('start.office.documents.issue', { document: t('start.office.documents.minutes'), subject: councilName(m, lang) })}
              </Link>
              {m.waitingSignature ? (
                <>
                  {' '}
                  <Tag tone="yellow">{t('signing.state.pending')}</Tag>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </Part>
    </section>
  )
}

/** What waits for this person's signature: the director's decisions, notices and records (appraisal minutes, dossier opening), a presiding member's minutes. */
export function SigningPart({ requests }: { requests: Part_<'signing'> }) {
  const t = useT()
  const lang = useLang()
  return (
    <Part id="start-signing" level={2} title={t('signing.title')} empty={t('signing.empty')} count={requests.length} all={{ to: '/signing', text: t('signing.title') }}>
      <ul className="list-bullet">
        {requests.map((r) => (
          <li key={r.id}>
            <Link to={`/signing/${r.id}`}>{r.title}</Link>
            <div className="hint">
              {t(`signing.kind.${r.kind}`)} · {t('signing.waiting.since', { date: formatDateTime(r.preparedAt, lang), name: r.preparedBy ?? '' })}
            </div>
          </li>
        ))}
      </ul>
    </Part>
  )
}

export function DirectorPart({ director }: { director: Part_<'director'> }) {
  const t = useT()
  return (
    <Part
      id="start-director"
      level={2}
      title={t('start.director.title')}
      empty={t('start.director.empty')}
      count={director.decisions.total}
      all={{ to: '/staff/applications?status=recommended', text: t('start.director.all') }}
    >
      <ApplicationRows caption={t('start.director.title')} rows={director.decisions.rows} />
    </Part>
  )
}

export function ReviewerPart({ reviewer, today }: { reviewer: Part_<'reviewer'>; today: string }) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      <Part id="start-reviewer" level={2} title={t('start.reviewer.title')} empty={t('start.reviewer.empty')} count={reviewer.ballots.length} all={{ to: '/review', text: t('start.reviewer.all') }}>
        <DataTable
          caption={t('start.reviewer.title')}
          columns={[{ label: t('start.col.application') }, { label: t('reviewing.list.council') }, { label: t('reviewing.list.due') }, { label: t('start.col.action') }]}
          rows={reviewer.ballots.map((a) => (
            <tr key={a.id}>
              <td>
                {a.reference ?? '—'}
                <div>{a.title}</div>
              </td>
              <td>{councilName({ nameVi: a.councilNameVi, nameEn: a.councilNameEn }, lang)}</td>
              <td>
                {a.dueOn ? formatDay(a.dueOn) : t('reviewing.list.noDue')}
                {a.dueOn && a.dueOn < today ? (
                  <>
                    {' '}
                    <Tag tone="red">{t('reviewing.list.overdue')}</Tag>
                  </>
                ) : null}
              </td>
              <td>
                <Link to={`/review/${a.id}`}>{t(assignmentNextStep(a))}</Link>
              </td>
            </tr>
          ))}
        />
      </Part>
      {reviewer.meetings.length > 0 ? (
        <section aria-labelledby="start-secretary">
          <h3 id="start-secretary" className="heading-s">
            {t('start.reviewer.meetings')}
          </h3>
          <ul className="list-bullet">
            {reviewer.meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/staff/councils/${m.id}/meeting`}>{t('start.reviewer.meetings.open', { name: councilName(m, lang) })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}

export function AdminPart({ admin }: { admin: Part_<'admin'> }) {
  const t = useT()
  return (
    <section aria-labelledby="start-admin">
      <h2 id="start-admin">{t('start.admin.title')}</h2>
      {admin.failedMail ? (
        <Part id="start-mail" title={t('start.admin.mail')} empty={t('start.admin.mail.empty')} count={admin.failedMail.total} all={{ to: '/admin/outbox?state=failed', text: t('start.admin.mail.all') }}>
          <DataTable
            caption={t('start.admin.mail')}
            columns={[{ label: t('start.admin.mail.subject') }, { label: t('start.admin.mail.to') }, { label: t('start.admin.mail.error') }]}
            rows={admin.failedMail.rows.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/admin/outbox/${m.id}`}>{m.subject}</Link>
                </td>
                <td>{m.to_address}</td>
                <td>{m.last_error ?? ''}</td>
              </tr>
            ))}
          />
        </Part>
      ) : null}
      {admin.waitingUsers ? (
        <Part id="start-users" title={t('start.admin.users')} empty={t('start.admin.users.empty')} count={admin.waitingUsers.total} all={{ to: '/admin/users', text: t('start.admin.users.all') }}>
          <DataTable
            caption={t('start.admin.users')}
            columns={[{ label: t('start.col.name') }, { label: t('start.col.email') }, { label: t('start.col.status') }]}
            rows={admin.waitingUsers.rows.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.full_name}</Link>
                </td>
                <td>{u.email}</td>
                <td>{t(u.status === 'invited' ? 'start.admin.users.invited' : 'start.admin.users.unverified')}</td>
              </tr>
            ))}
          />
        </Part>
      ) : null}
    </section>
  )
}


type QueueRows = Part_<'accountant'>['toApprove']

/** Payment requests as the chief accountant sees them on the start page: each links to the request's page. */
function PaymentRows({ caption, rows }: { caption: string; rows: QueueRows }) {
  const t = useT()
  const lang = useLang()
  return (
    <DataTable
      caption={caption}
      columns={[{ label: t('payments.queue.task') }, { label: t('payments.tranches.amount'), numeric: true }, { label: t('payments.queue.requestedAt') }]}
      rows={rows.map((r) => (
        <tr key={r.id}>
          <td>
            <Link to={`/staff/payments/${r.id}`}>{r.reference ?? r.title}</Link>
            <div>{r.title}</div>
            <div className="hint">{r.organisation}</div>
          </td>
          <td className="num">{t('tasks.start.payment', { seq: r.trancheSeq, amount: formatMoney(r.amount) })}</td>
          <td>{formatDateTime(r.requestedAt, lang)}</td>
        </tr>
      ))}
    />
  )
}

export function AccountantPart({ accountant }: { accountant: Part_<'accountant'> }) {
  const t = useT()
  const all = { to: '/staff/payments', text: t('tasks.start.allPayments') }
  return (
    <section aria-labelledby="start-accountant">
      <h2 id="start-accountant">{t('tasks.start.accountant')}</h2>
      <Part id="start-approve" title={t('tasks.start.toApprove')} empty={t('tasks.start.toApprove.empty')} count={accountant.toApprove.length} all={all}>
        <PaymentRows caption={t('tasks.start.toApprove')} rows={accountant.toApprove} />
      </Part>
      <Part id="start-record" title={t('tasks.start.toRecord')} empty={t('tasks.start.toRecord.empty')} count={accountant.toRecord.length} all={all}>
        <PaymentRows caption={t('tasks.start.toRecord')} rows={accountant.toRecord} />
      </Part>
    </section>
  )
}

import { Link } from '@remix-run/react'
import type { ContractChangeKind, ContractChangeState } from '../../db/schema'
import type { ChangeFacts } from '../../templates/change-decision'
import { formatDate, formatDateTime, formatDay, formatMoney } from '../i18n/format'
import { useT } from '../lib/i18n'
import { SummaryList, Tag } from './ui'

// A change to a contract as both its pages show it (/tasks/:id/changes, /staff/tasks/:id/changes): what was
// asked and why, where it stands, the Fund's answer and its document, and the amendment it became.

/** A change as the loaders send it (contracts' ChangeView, its dates as strings). */
export interface ChangeRow {
  id: string
  kind: ContractChangeKind
  state: ContractChangeState
  reasons: string
  facts: ChangeFacts
  requestedAt: string
  requestedBy: string | null
  decidedAt: string | null
  decidedBy: string | null
  decisionNote: string
  decisionDocument: { id: string; symbol: string | null } | null
  signatureRequestId: string | null
  amendment: {
    id: string
    seq: number
    status: 'proposed' | 'accepted' | 'signed'
    articles: string[]
    acceptedAt: string | null
    acceptedName: string | null
    acceptedPosition: string | null
    signedAt: string | null
    document: { id: string; symbol: string | null } | null
    signatureRequestId: string | null
  } | null
}

const TONE: Record<ContractChangeState, 'grey' | 'green' | 'blue' | 'red' | 'yellow'> = {
  requested: 'blue',
  approved: 'yellow',
  rejected: 'red',
  decided: 'yellow',
  amended: 'green',
  withdrawn: 'grey',
}

/** What is asked, in the reader's words. */
export function ChangeWhat({ facts }: { facts: ChangeFacts }) {
  const t = useT()
  const category = (k: string) => t(`applications.budget.category.${k as 'labour'}`)
  switch (facts.kind) {
    case 'extension':
      return <>{t('changes.what.extension', { to: formatDay(facts.newEndsOn), from: formatDay(facts.endsOn) })}</>
    case 'budget_move':
      return <>{t('changes.what.budget_move', { amount: formatMoney(facts.amount), from: category(facts.from), to: category(facts.to) })}</>
    case 'investigator':
      return <>{t('changes.what.investigator', { name: facts.name, id: facts.idNumber })}</>
    case 'host':
      return <>{t('changes.what.host', { name: facts.name, id: facts.identifier })}</>
    case 'suspension':
      return <>{t('changes.what.suspension', { from: formatDay(facts.from), to: formatDay(facts.until) })}</>
    case 'termination':
      return <>{t('changes.what.termination')}</>
  }
}

export function ChangeSummary({ change: c, documentHref, headingId }: { change: ChangeRow; documentHref: (documentId: string) => string; headingId: string }) {
  const t = useT()
  const state = c.state === 'rejected' && !c.decidedAt ? 'rejectedPending' : c.state
  const doc = (d: { id: string; symbol: string | null }) => (
    <Link to={documentHref(d.id)} reloadDocument>
      {t('changes.document', { symbol: d.symbol ?? '' })}
    </Link>
  )
  const a = c.amendment
  return (
    <>
      <h3 id={headingId}>{t('changes.heading', { kind: t(`changes.kindTitle.${c.kind}`), date: formatDate(c.requestedAt) })}</h3>
      <SummaryList
        rows={[
          [t('changes.col.state'), <Tag tone={TONE[c.state]}>{t(`changes.state.${state}`)}</Tag>],
          [t('changes.col.what'), <ChangeWhat facts={c.facts} />],
          [t('changes.col.reasons'), <span className="prewrap">{c.reasons}</span>],
          [t('changes.col.by'), c.requestedBy ?? '–'],
          ...(c.decisionNote ? [[t('changes.col.note'), <span className="prewrap">{c.decisionNote}</span>] as [string, JSX.Element]] : []),
          ...(c.decisionDocument ? [[t('changes.col.decision'), doc(c.decisionDocument)] as [string, JSX.Element]] : []),
        ]}
      />
      {a ? (
        <div id={`amendment-${a.id}`}>
          <h4>{t('changes.amendment.heading', { seq: a.seq < 10 ? `0${a.seq}` : String(a.seq) })}</h4>
          <SummaryList
            rows={[
              [t('changes.col.state'), <Tag tone={a.status === 'signed' ? 'green' : 'yellow'}>{t(`changes.amendment.status.${a.status}`)}</Tag>],
              [
                t('changes.amendment.articles'),
                <ol className="list-number">
                  {a.articles.map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ol>,
              ],
              ...(a.acceptedAt ? [[t('changes.col.accepted'), t('changes.amendment.acceptedBy', { name: a.acceptedName ?? '', position: a.acceptedPosition ?? '', at: formatDateTime(a.acceptedAt) })] as [string, string]] : []),
              ...(a.document ? [[t('changes.col.decision'), doc(a.document)] as [string, JSX.Element]] : []),
            ]}
          />
        </div>
      ) : null}
    </>
  )
}

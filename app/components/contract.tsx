import type { ReactNode } from 'react'
import type { ContractStatus, TrancheCondition, TrancheKind } from '../../db/schema'
import { formatDateTime, formatDay, formatMoney } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import { describedByOf, HintAndError } from './form'
import { DataTable } from './table'
import { SummaryList, Tag } from './ui'

// The contract of a funded task as its two pages show it (the office's and the grantee's): its status, its
// terms read back in plain words, its road (drafted, sent, accepted, signed), and the plain server-checked fields
// of the office's draft form.

export interface ContractTermsView {
  status: ContractStatus
  fundAmount: number
  counterpartAmount: number
  startsOn: string
  endsOn: string
  lumpSum: 'full' | 'partial' | null
  reportEveryMonths: number
  terms: { objectives: string; products: string; quality: string; investigator: string }
  tranches: { seq: number; kind: TrancheKind; amount: number; dueOn: string | null; condition: TrancheCondition }[]
  byYear: { year: number; amount: number }[]
}

export interface ContractRecordView {
  createdAt: string
  createdBy: string | null
  proposedAt: string | null
  proposedBy: string | null
  acceptedAt: string | null
  acceptedName: string | null
  acceptedPosition: string | null
  acceptedIp: string | null
  acceptedSha256: string | null
  signedAt: string | null
  document: { id: string; symbol: string | null } | null
}

const TONE: Record<ContractStatus, 'grey' | 'blue' | 'green' | 'yellow' | 'red'> = { draft: 'grey', proposed: 'blue', signed: 'green', liquidated: 'green', terminated: 'red' }

/** The colour a contract's state is shown in, on every page (accepted by the grantee, it waits for the Fund). */
export const contractTone = (status: ContractStatus, accepted?: boolean) => (status === 'proposed' && accepted ? 'yellow' : TONE[status])

export function ContractStatusTag({ status, accepted }: { status: ContractStatus; accepted?: boolean }) {
  const t = useT()
  return <Tag tone={contractTone(status, accepted)}>{t(status === 'proposed' && accepted ? 'contracts.status.accepted' : `contracts.status.${status}`)}</Tag>
}

const paragraphs = (text: string) => (text ? <span className="pre-line">{text}</span> : '—')

/** The terms in plain words: the task, its period and reports, the money by year and by tranche. */
export function ContractTerms({ c }: { c: ContractTermsView }) {
  const t = useT()
  return (
    <>
      <SummaryList
        rows={[
          [t('contracts.field.investigator'), c.terms.investigator || '—'],
          [t('contracts.field.objectives'), paragraphs(c.terms.objectives)],
          [t('contracts.field.products'), paragraphs(c.terms.products)],
          [t('contracts.field.quality'), paragraphs(c.terms.quality)],
          [t('contracts.field.period'), t('contracts.terms.period', { from: formatDay(c.startsOn), to: formatDay(c.endsOn) })],
          [t('contracts.field.reportEveryMonths'), t('contracts.terms.reports', { months: c.reportEveryMonths })],
          [t('contracts.terms.fund'), formatMoney(c.fundAmount)],
          [t('contracts.terms.counterpart'), formatMoney(c.counterpartAmount)],
          ...(c.lumpSum ? [[t('contracts.terms.lumpSum'), t(`contracts.terms.lumpSum.${c.lumpSum}`)] as [string, string]] : []),
        ]}
      />
      <h3>{t('contracts.terms.byYear')}</h3>
      <DataTable
        caption={t('contracts.terms.byYear')}
        columns={[{ label: t('contracts.terms.year') }, { label: t('payments.tranches.amount'), numeric: true }]}
        rows={c.byYear.map((y) => (
          <tr key={y.year}>
            <td>{y.year}</td>
            <td className="num">{formatMoney(y.amount)}</td>
          </tr>
        ))}
      />
      <h3>{t('payments.tranches.title')}</h3>
      <DataTable
        caption={t('payments.tranches.title')}
        columns={[{ label: t('payments.tranches.seq') }, { label: t('payments.tranches.kind') }, { label: t('payments.tranches.amount'), numeric: true }, { label: t('payments.tranches.due') }, { label: t('payments.tranches.condition') }]}
        rows={c.tranches.map((tr) => (
          <tr key={tr.seq}>
            <td>{tr.seq}</td>
            <td>{t(`payments.tranche.${tr.kind}`)}</td>
            <td className="num">{formatMoney(tr.amount)}</td>
            <td>{tr.dueOn ? formatDay(tr.dueOn) : t('contracts.terms.dueByCondition')}</td>
            <td>{t(`payments.condition.${tr.condition}`)}</td>
          </tr>
        ))}
      />
    </>
  )
}

/** The contract's road so far: drafted by, sent by, accepted by whom as what (with the fingerprint), signed. */
export function ContractHistory({ r, withIp }: { r: ContractRecordView; withIp?: boolean }) {
  const t = useT()
  const lang = useLang()
  const items: ReactNode[] = [<li key="drafted">{t('contracts.history.drafted', { time: formatDateTime(r.createdAt, lang), name: r.createdBy ?? t('workflow.someone') })}</li>]
  if (r.proposedAt) items.push(<li key="proposed">{t('contracts.history.proposed', { time: formatDateTime(r.proposedAt, lang), name: r.proposedBy ?? t('workflow.someone') })}</li>)
  if (r.acceptedAt)
    items.push(
      <li key="accepted">
        {t('contracts.history.accepted', { time: formatDateTime(r.acceptedAt, lang), name: r.acceptedName ?? '', position: r.acceptedPosition ?? '' })}
        <br />
        <span className="hint">
          {withIp && r.acceptedIp ? `${t('contracts.history.ip', { ip: r.acceptedIp })} · ` : ''}
          {t('contracts.history.sha256')} <code>{r.acceptedSha256}</code>
        </span>
      </li>,
    )
  if (r.signedAt) items.push(<li key="signed">{t('contracts.history.signed', { time: formatDateTime(r.signedAt, lang), symbol: r.document?.symbol ?? '' })}</li>)
  return <ol className="list-bullet">{items}</ol>
}

/** A plain server-checked select with its label and inline error. */
export function PlainSelect({ name, label, value, options, error }: { name: string; label: string; value: string; options: { value: string; label: string }[]; error?: { message: string } }) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      <HintAndError name={name} error={error} />
      <select className={`input${error ? ' input--error' : ''}`} id={name} name={name} defaultValue={value} aria-describedby={describedByOf(name, undefined, error)} aria-invalid={error ? true : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A plain server-checked text area with its label, hint and inline error. */
export function PlainTextArea({ name, label, hint, value, error, rows = 4 }: { name: string; label: string; hint?: string; value: string; error?: { message: string }; rows?: number }) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      <HintAndError name={name} hint={hint} error={error} />
      <textarea className={`input textarea${error ? ' input--error' : ''}`} id={name} name={name} rows={rows} defaultValue={value} aria-describedby={describedByOf(name, hint, error)} aria-invalid={error ? true : undefined} />
    </div>
  )
}

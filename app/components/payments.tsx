import type { PaymentStatus, SettlementStatus, TrancheCondition, TrancheKind } from '../../db/schema'
import { formatDateTime, formatDay, formatMoney } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import { Link } from '@remix-run/react'
import { DataTable } from './table'
import { SummaryList, Tag } from './ui'

// The money of a funded task as both the grantee and the Fund see it: the figures, the contract's tranches with
// where each one stands, and every payment request with its steps.

const TONE: Record<PaymentStatus, 'grey' | 'green' | 'blue' | 'red' | 'yellow'> = {
  requested: 'yellow',
  checked: 'blue',
  approved: 'blue',
  paid: 'green',
  failed: 'red',
  returned: 'grey',
}

export function PaymentStatusTag({ status }: { status: PaymentStatus }) {
  const t = useT()
  return <Tag tone={TONE[status]}>{t(`payments.status.${status}`)}</Tag>
}

export interface MoneyView {
  committed: number
  approved: number
  paid: number
  outstanding: number
  owed: number
  recovered: number
}

export function MoneySummary({ money }: { money: MoneyView }) {
  const t = useT()
  return (
    <SummaryList
      rows={[
        [t('payments.money.committed'), formatMoney(money.committed)],
        [t('payments.money.paid'), formatMoney(money.paid)],
        [t('payments.money.approved'), formatMoney(money.approved)],
        [t('payments.money.outstanding'), formatMoney(money.outstanding)],
        [t('payments.money.owed'), formatMoney(money.owed)],
        [t('payments.money.recovered'), formatMoney(money.recovered)],
      ]}
    />
  )
}

/** A settlement's figures as both its pages show them: where it stands, what was spent, what was paid and the balance; then the note the page shows, when there is one. */
export function SettlementSummary({ settlement, note }: { settlement: { status: SettlementStatus; spentTotal: number; paid: number; balance: number }; note?: [label: string, text: string] }) {
  const t = useT()
  return (
    <SummaryList
      rows={[
        [t('settlement.status'), t(`settlement.status.${settlement.status}`)],
        [t('settlement.spent'), formatMoney(settlement.spentTotal)],
        [t('payments.money.paid'), formatMoney(settlement.paid)],
        [t('settlement.balance'), formatMoney(settlement.balance)],
        ...(note && note[1] ? [note] : []),
      ]}
    />
  )
}

export interface TrancheView {
  id: string
  seq: number
  kind: TrancheKind
  amount: number
  dueOn: string | null
  condition: TrancheCondition
  status: PaymentStatus | null
}

export function TranchesTable({ tranches }: { tranches: TrancheView[] }) {
  const t = useT()
  return (
    <DataTable
      caption={t('payments.tranches.title')}
      columns={[
        { label: t('payments.tranches.seq') },
        { label: t('payments.tranches.kind') },
        { label: t('payments.tranches.amount'), numeric: true },
        { label: t('payments.tranches.due') },
        { label: t('payments.tranches.condition') },
        { label: t('payments.tranches.status') },
      ]}
      rows={tranches.map((tr) => (
        <tr key={tr.id}>
          <td>{tr.seq}</td>
          <td>{t(`payments.tranche.${tr.kind}`)}</td>
          <td className="num">{formatMoney(tr.amount)}</td>
          <td>{tr.dueOn ? formatDay(tr.dueOn) : '—'}</td>
          <td>{t(`payments.condition.${tr.condition}`)}</td>
          <td>{tr.status ? <PaymentStatusTag status={tr.status} /> : t('payments.tranches.notAsked')}</td>
        </tr>
      ))}
    />
  )
}

export interface RequestView {
  id: string
  trancheSeq: number
  status: PaymentStatus
  amount: number
  evidence: string
  requestedAt: string
  requestedBy: string | null
  paidOn: string | null
  paidAmount: number | null
  transferRef: string | null
  failedReason: string | null
  returnedReason: string | null
}

export interface EventView {
  requestId: string
  from: PaymentStatus | null
  to: PaymentStatus
  actor: string | null
  note: string
  at: string
}

/** Each request with its steps, newest first; `href` links a request to the page where the Fund acts on it. */
export function PaymentHistory({ requests, events, href }: { requests: RequestView[]; events: EventView[]; href?: (id: string) => string }) {
  const t = useT()
  const lang = useLang()
  if (!requests.length) return <p>{t('payments.history.empty')}</p>
  return (
    <>
      {requests.map((r) => (
        <section key={r.id} className="payment" aria-labelledby={`payment-${r.id}`}>
          <h3 id={`payment-${r.id}`}>
            {t('payments.history.request', { n: r.trancheSeq, amount: formatMoney(r.amount) })} <PaymentStatusTag status={r.status} />
          </h3>
          <SummaryList
            rows={[
              [t('payments.history.evidence'), r.evidence],
              ...(r.status === 'paid' && r.paidOn
                ? ([[t('payments.history.paid'), t('payments.history.paidLine', { day: formatDay(r.paidOn), amount: formatMoney(r.paidAmount ?? 0), ref: r.transferRef ?? '' })]] as [string, string][])
                : []),
              ...(r.failedReason ? ([[t('payments.history.failedReason'), r.failedReason]] as [string, string][]) : []),
              ...(r.returnedReason ? ([[t('payments.history.returnedReason'), r.returnedReason]] as [string, string][]) : []),
            ]}
          />
          <ol className="history">
            {events
              .filter((e) => e.requestId === r.id)
              .map((e, i) => (
                <li key={i}>
                  {formatDateTime(e.at, lang)} — {t(`payments.status.${e.to}`)}
                  {e.actor ? ` — ${e.actor}` : ''}
                  {e.note ? `: ${e.note}` : ''}
                </li>
              ))}
          </ol>
          {href ? (
            <p>
              <Link to={href(r.id)}>{t('payments.history.open', { n: r.trancheSeq })}</Link>
            </p>
          ) : null}
        </section>
      ))}
    </>
  )
}

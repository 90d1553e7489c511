import type { Loan } from '../modules/loans/read'
import { formatDay, formatMoney, formatPercent } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import { DataTable } from './table'
import { Tag } from './ui'

// A loan as both sides read it: its terms and totals, the schedule with each instalment's state, the repayments.

const TONE = { paid: 'green', overdue: 'red', late: 'yellow', due: 'blue', upcoming: 'grey' } as const

export function LoanView({ loan }: { loan: Loan }) {
  const t = useT()
  const lang = useLang()
  const rows: [string, string][] = [
    [t('loans.summary.principal'), formatMoney(loan.principal)],
    [t('loans.summary.rate'), t('loans.summary.rateValue', { rate: formatPercent(loan.rateBp / 100, lang) })],
    [t('loans.summary.term'), t('loans.summary.months', { n: loan.termMonths })],
    [t('loans.summary.method'), t(`loans.method.${loan.method}`)],
    [t('loans.summary.every'), t('loans.summary.everyValue', { n: loan.everyMonths })],
    [t('loans.summary.disbursedOn'), formatDay(loan.disbursedOn)],
    [t('loans.summary.reference'), loan.disbursementReference],
    [t('loans.summary.status'), t(`loans.status.${loan.status}`)],
    [t('loans.summary.principalPaid'), formatMoney(loan.totals.principalPaid)],
    [t('loans.summary.outstanding'), formatMoney(loan.totals.principalOutstanding)],
    [t('loans.summary.interestPaid'), formatMoney(loan.totals.interestPaid)],
    [t('loans.summary.interestScheduled'), formatMoney(loan.totals.interestScheduled)],
    [t('loans.summary.overdue'), formatMoney(loan.totals.overdue)],
  ]
  return (
    <>
      <h2>{t('loans.summary.heading')}</h2>
      <dl className="summary-list">
        {rows.map(([k, v]) => (
          <div className="summary-list__row" key={k}>
            <dt className="summary-list__key">{k}</dt>
            <dd className="summary-list__value">{v}</dd>
          </div>
        ))}
      </dl>
      <h2 id="schedule">{t('loans.schedule.heading')}</h2>
      <p>{t('loans.schedule.rounding')}</p>
      <DataTable
        caption={t('loans.schedule.heading')}
        columns={[
          { label: t('loans.col.seq'), numeric: true },
          { label: t('loans.col.due') },
          { label: t('loans.col.principal'), numeric: true },
          { label: t('loans.col.interest'), numeric: true },
          { label: t('loans.col.total'), numeric: true },
          { label: t('loans.col.paid'), numeric: true },
          { label: t('loans.col.owed'), numeric: true },
          { label: t('loans.col.state') },
        ]}
        rows={loan.instalments.map((i) => (
          <tr key={i.id}>
            <td className="num">{i.seq}</td>
            <td>{formatDay(i.dueOn)}</td>
            <td className="num">{formatMoney(i.principal)}</td>
            <td className="num">{formatMoney(i.interest)}</td>
            <td className="num">{formatMoney(i.principal + i.interest)}</td>
            <td className="num">{formatMoney(i.paidPrincipal + i.paidInterest)}</td>
            <td className="num">{formatMoney(i.owed)}</td>
            <td>
              <Tag tone={TONE[i.state]}>{t(`loans.state.${i.state}`)}</Tag>
              {i.daysLate > 0 ? ` ${t('loans.daysLate', { days: i.daysLate })}` : null}
            </td>
          </tr>
        ))}
      />
      <h2 id="repayments">{t('loans.repayments.heading')}</h2>
      {loan.repayments.length === 0 ? (
        <p>{t('loans.repayments.empty')}</p>
      ) : (
        <DataTable
          caption={t('loans.repayments.heading')}
          columns={[
            { label: t('loans.col.paidOn') },
            { label: t('loans.col.kind') },
            { label: t('loans.col.amount'), numeric: true },
            { label: t('loans.col.principal'), numeric: true },
            { label: t('loans.col.interest'), numeric: true },
            { label: t('loans.col.reference') },
          ]}
          rows={loan.repayments.map((r) => (
            <tr key={r.id}>
              <td>{formatDay(r.paidOn)}</td>
              <td>{t(`loans.kind.${r.kind}`)}</td>
              <td className="num">{formatMoney(r.amount)}</td>
              <td className="num">{formatMoney(r.principal)}</td>
              <td className="num">{formatMoney(r.interest)}</td>
              <td>{r.reference}</td>
            </tr>
          ))}
        />
      )}
    </>
  )
}

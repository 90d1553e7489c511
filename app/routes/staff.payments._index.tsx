import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PaymentStatusTag } from '../components/payments'
import { DataTable } from '../components/table'
import { formatDateTime, formatMoney } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser, can } from '../modules/auth'
import { paymentQueue } from '../modules/payments'
import { PAYMENT_VIEW_STATUSES, PAYMENT_VIEWS } from '../modules/payments/schemas'

// The queue of payment requests waiting for the Fund: to check (the office), to approve and to pay (the chief
// accountant), oldest first. Each person sees first what waits for them.

const ROUTE = 'routes/staff.payments._index'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'payments.queue.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const asked = new URL(args.request.url).searchParams.get('view')
  const view = PAYMENT_VIEWS.find((v) => v === asked) ?? 'waiting'
  const rows = await paymentQueue(args.context.db, PAYMENT_VIEW_STATUSES[view])
  const mine = (status: string) => (status === 'requested' ? can(user, 'payment:check') : (status === 'checked' || status === 'approved') && can(user, 'payment:approve'))
  // The exports pages are the Fund office's (application:read): a chief accountant without it gets no link.
  return json({ view, rows: rows.map((r) => ({ ...r, mine: mine(r.status) })), canExport: can(user, 'application:read') })
}

export default function PaymentQueue() {
  const { view, rows, canExport } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const sorted = [...rows.filter((r) => r.mine), ...rows.filter((r) => !r.mine)]
  return (
    <>
      <h1>{t('payments.queue.title')}</h1>
      <p>{t('payments.queue.lead')}</p>
      <p>
        <Link to="/staff/ledger">{t('ledger.title')}</Link>
      </p>
      <nav aria-label={t('payments.queue.views')}>
        <ul className="list-bullet">
          {PAYMENT_VIEWS.map((v) => (
            <li key={v}>
              <Link to={`?view=${v}`} aria-current={v === view ? 'page' : undefined}>
                {t(`payments.queue.view.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {canExport ? (
        <p>
          <Link to={`/staff/exports?dataset=payments&view=${view}`}>{t('exports.link')}</Link>
        </p>
      ) : null}
      <DataTable
        caption={t(`payments.queue.view.${view}`)}
        columns={[
          { label: t('payments.queue.task') },
          { label: t('payments.tranches.seq') },
          { label: t('payments.tranches.amount'), numeric: true },
          { label: t('payments.queue.requestedAt') },
          { label: t('payments.tranches.status') },
          { label: t('payments.queue.action') },
        ]}
        rows={sorted.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/staff/tasks/${r.applicationId}/payments`}>{r.reference}</Link> · {r.organisation}
              <br />
              {r.title}
            </td>
            <td>{r.trancheSeq}</td>
            <td className="num">{formatMoney(r.amount)}</td>
            <td>{formatDateTime(r.requestedAt, lang)}</td>
            <td>
              <PaymentStatusTag status={r.status} />
            </td>
            <td>
              <Link to={`/staff/payments/${r.id}`} aria-label={t('payments.queue.openLabel', { reference: r.reference ?? '', n: r.trancheSeq })}>
                {r.mine ? t(`payments.queue.do.${r.status as 'requested' | 'checked' | 'approved'}`) : t('payments.queue.view')}
              </Link>
            </td>
          </tr>
        ))}
      />
    </>
  )
}

import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable } from '../components/table'
import { formatMoney, formatNumber } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { uuidParam } from '../lib/params'
import { authorizeUser } from '../modules/auth'
import { ledger, totalsByYear } from '../modules/payments'

// The Fund's ledger: by call (or, for one call, by task) what is committed under signed contracts, approved,
// paid, outstanding, owed back and recovered; and the Fund's totals by year.

const ROUTE = 'routes/staff.ledger'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'ledger.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const db = args.context.db
  const callParam = new URL(args.request.url).searchParams.get('call')
  const callId = callParam ? uuidParam(callParam) : undefined
  const call = callId ? await db.selectFrom('calls').select(['id', 'code', 'title_vi', 'title_en']).where('id', '=', callId).executeTakeFirst() : undefined
  if (callId && !call) throw new Response('Not found', { status: 404 })
  const [rows, years] = await Promise.all([ledger(db, { callId }), callId ? Promise.resolve([]) : totalsByYear(db)])
  return json({ call: call ?? null, rows, years })
}

export default function Ledger() {
  const { call, rows, years } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const money = [
    { label: t('payments.money.committed'), numeric: true },
    { label: t('payments.money.approved'), numeric: true },
    { label: t('payments.money.paid'), numeric: true },
    { label: t('payments.money.outstanding'), numeric: true },
    { label: t('payments.money.owed'), numeric: true },
    { label: t('payments.money.recovered'), numeric: true },
  ]
  return (
    <>
      {call ? (
        <p>
          <Link to="/staff/ledger">← {t('ledger.byCall')}</Link>
        </p>
      ) : null}
      <h1>{call ? t('ledger.callTitle', { code: call.code }) : t('ledger.title')}</h1>
      <p>{t('ledger.lead')}</p>
      <h2>{call ? t('ledger.byTask') : t('ledger.byCall')}</h2>
      <DataTable
        caption={call ? t('ledger.byTask') : t('ledger.byCall')}
        scrollLabel={call ? t('ledger.byTask') : t('ledger.byCall')}
        columns={[{ label: call ? t('ledger.task') : t('ledger.call') }, ...(call ? [] : [{ label: t('ledger.tasks'), numeric: true }]), ...money]}
        rows={rows.map((r) => (
          <tr key={r.key}>
            <td>{call ? <Link to={`/staff/tasks/${r.key}/payments`}>{r.label}</Link> : <Link to={`/staff/ledger?call=${r.key}`}>{r.label}</Link>}</td>
            {call ? null : <td className="num">{formatNumber(r.tasks, lang)}</td>}
            <td className="num">{formatMoney(r.committed)}</td>
            <td className="num">{formatMoney(r.approved)}</td>
            <td className="num">{formatMoney(r.paid)}</td>
            <td className="num">{formatMoney(r.outstanding)}</td>
            <td className="num">{formatMoney(r.owed)}</td>
            <td className="num">{formatMoney(r.recovered)}</td>
          </tr>
        ))}
      />
      {call ? null : (
        <>
          <h2>{t('ledger.byYear')}</h2>
          <p>{t('ledger.byYear.lead')}</p>
          <DataTable
            caption={t('ledger.byYear')}
            columns={[{ label: t('ledger.year') }, { label: t('payments.money.committed'), numeric: true }, { label: t('payments.money.paid'), numeric: true }, { label: t('payments.money.recovered'), numeric: true }]}
            rows={years.map((y) => (
              <tr key={y.year}>
                <td>{y.year}</td>
                <td className="num">{formatMoney(y.committed)}</td>
                <td className="num">{formatMoney(y.paid)}</td>
                <td className="num">{formatMoney(y.recovered)}</td>
              </tr>
            ))}
          />
        </>
      )}
    </>
  )
}

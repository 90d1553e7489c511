import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { CouncilStatus } from '../../db/schema'
import { DataTable, FilterBar, FilterSelect } from '../components/table'
import { Tag } from '../components/ui'
import { formatDay, formatMoney, formatScore } from '../i18n/format'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { listCouncilCalls, listCouncils } from '../modules/review'
import { rankCall } from '../modules/review/meeting'
import { uuidFilter } from '../lib/params'
import { councilName } from '../modules/review/names'

// The councils of every call, with their status and counts; the way to create one.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'councils.title')

const TONE: Record<CouncilStatus, 'yellow' | 'green' | 'grey'> = { forming: 'yellow', formed: 'green', concluded: 'grey' }

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.councils._index')
  const url = new URL(args.request.url)
  const callParam = url.searchParams.get('call') ?? ''
  const callId = uuidFilter(callParam)
  const db = args.context.db
  const [rows, calls] = await Promise.all([listCouncils(db, { callId }), listCouncilCalls(db)])
  // With a call chosen: its ranking over every council's conclusions.
  const ranking = callId ? await rankCall(db, callId) : null
  return json({ rows, calls, call: callId ?? '', ranking })
}

export default function Councils() {
  const { rows, calls, call, ranking } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const due = (d: string | null) => (d ? formatDay(d) : '—')
  return (
    <>
      <h1>{t('councils.title')}</h1>
      <p>{t('councils.lead')}</p>
      <p>
        <Link className="button" to="/staff/councils/new">
          {t('councils.new')}
        </Link>
      </p>
      <FilterBar>
        <FilterSelect name="call" label={t('councils.filter.call')} value={call} any={t('councils.filter.any')} options={calls.map((c) => ({ value: c.id, label: c.code }))} />
      </FilterBar>
      <DataTable
        caption={t('councils.title')}
        scrollLabel={t('councils.title')}
        columns={[
          { label: t('councils.col.name') },
          { label: t('councils.col.call') },
          { label: t('councils.col.status') },
          { label: t('councils.col.members'), numeric: true },
          { label: t('councils.col.applications'), numeric: true },
          { label: t('councils.col.due') },
        ]}
        rows={rows.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/staff/councils/${c.id}`}>{councilName(c, lang)}</Link>
            </td>
            <td>
              {c.callCode}
              <br />
              <span className="hint">{lang === 'en' && c.callTitleEn ? c.callTitleEn : c.callTitleVi}</span>
            </td>
            <td>
              <Tag tone={TONE[c.status]}>{t(`councils.status.${c.status}`)}</Tag>
            </td>
            <td className="num">{c.members}</td>
            <td className="num">{c.applications}</td>
            <td>{due(c.reviewDueOn)}</td>
          </tr>
        ))}
      />
      {ranking && ranking.rows.length ? (
        <section aria-labelledby="call-ranking-title">
          <h2 id="call-ranking-title">{t('reviewing.callRanking.title', { code: ranking.call.code })}</h2>
          <p>{t('reviewing.ranking.rule')}</p>
          {ranking.pending ? <p className="warning-text">{t('reviewing.callRanking.pending', { n: ranking.pending })}</p> : null}
          <DataTable
            caption={t('reviewing.callRanking.title', { code: ranking.call.code })}
            scrollLabel={t('reviewing.callRanking.title', { code: ranking.call.code })}
            columns={[
              { label: t('reviewing.ranking.rank'), numeric: true },
              { label: t('councils.apps.col.reference') },
              { label: t('councils.apps.col.title') },
              { label: t('councils.col.name') },
              { label: t('reviewing.scores.final'), numeric: true },
              { label: t('screening.requested'), numeric: true },
              { label: t('reviewing.callRanking.cumulative', { budget: formatMoney(ranking.call.budgetTotal) }), numeric: true },
              { label: t('reviewing.callRanking.outcome') },
            ]}
            rows={ranking.rows.map((r) => (
              <tr key={r.applicationId}>
                <td className="num">{r.rank}</td>
                <td>
                  <Link to={`/staff/applications/${r.applicationId}`}>{r.reference}</Link>
                </td>
                <td>{r.title}</td>
                <td>{councilName({ nameVi: r.councilNameVi, nameEn: r.councilNameEn }, lang)}</td>
                <td className="num">{formatScore(r.finalScore, lang)}</td>
                <td className="num">{formatMoney(r.requestedAmount)}</td>
                <td className="num">{formatMoney(r.cumulativeRequested)}</td>
                <td>
                  {r.fundable ? (
                    <Tag tone="green">{t('reviewing.callRanking.fundable')}</Tag>
                  ) : r.recommended ? (
                    <Tag tone="yellow">{t('reviewing.callRanking.beyondBudget')}</Tag>
                  ) : (
                    <Tag tone="grey">{t('reviewing.scores.notRecommended')}</Tag>
                  )}
                </td>
              </tr>
            ))}
          />
        </section>
      ) : null}
    </>
  )
}

import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useLocation, useSearchParams } from '@remix-run/react'
import type { DocumentType } from '../../db/schema'
import { DataTable, FilterBar, FilterSelect } from '../components/table'
import { Banner, Tag } from '../components/ui'
import type { FormErrorData } from '../lib/forms.server'
import { formError, readForm } from '../lib/forms.server'
import { formatDateTime } from '../i18n/format'
import { pageTitle, useLang, useMessage, useT } from '../lib/i18n'
import { intParam } from '../lib/params'
import { authorizeUser } from '../modules/auth'
import { cancelNumber, listRegister } from '../modules/decisions'
import { vnYear } from '../modules/applications'

// The register of official documents (sổ đăng ký văn bản) of a year: every number given, by type, with who
// issued it; a number issued by mistake is cancelled with a reason — it stays, marked, and is never given again.

const ROUTE = 'routes/staff.register'
const TYPES: DocumentType[] = ['decision', 'notice', 'minutes', 'receipt']

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'docRegister.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const url = new URL(args.request.url)
  const thisYear = vnYear(new Date())
  const asked = Number(url.searchParams.get('year'))
  const year = Number.isInteger(asked) && asked >= 2025 && asked <= thisYear ? asked : thisYear
  const typeParam = url.searchParams.get('type')
  const type = TYPES.find((t) => t === typeParam)
  return json({ rows: await listRegister(args.context.db, { year, type }), year, type: type ?? '', years: Array.from({ length: thisYear - 2025 + 1 }, (_, i) => thisYear - i) })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const raw = await readForm(args.request)
  const id = intParam(raw.id)
  const result = await cancelNumber(args.context.db, { id, reason: raw.reason ?? '', actor: user, ip: args.context.clientIp })
  if (!result.ok) {
    const message = result.reason === 'reason_required' ? 'docRegister.v.reason' : result.reason === 'already' ? 'docRegister.v.already' : 'docRegister.v.notFound'
    return formError({ [`reason_${id}`]: message }, raw, result.reason === 'not_found' ? 404 : 400)
  }
  const url = new URL(args.request.url)
  return redirect(`/staff/register${url.search ? `${url.search}&` : '?'}notice=cancelled`)
}

export default function Register() {
  const { rows, year, type, years } = useLoaderData<typeof loader>()
  const errors = useActionData<FormErrorData | undefined>()?.errors ?? {}
  const t = useT()
  const lang = useLang()
  const message = useMessage()
  const location = useLocation()
  const [search] = useSearchParams()
  return (
    <>
      {search.get('notice') === 'cancelled' ? <Banner kind="success">{t('docRegister.cancelled')}</Banner> : null}
      <h1>{t('docRegister.title')}</h1>
      <p>{t('docRegister.lead')}</p>
      <FilterBar>
        <FilterSelect name="year" label={t('docRegister.year')} value={String(year)} any={t('docRegister.year.current')} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
        <FilterSelect name="type" label={t('docRegister.type')} value={type} any={t('docRegister.type.any')} options={TYPES.map((k) => ({ value: k, label: t(`docRegister.type.${k}`) }))} />
      </FilterBar>
      <DataTable
        caption={t('docRegister.caption', { year })}
        scrollLabel={t('docRegister.caption', { year })}
        columns={[{ label: t('docRegister.number') }, { label: t('docRegister.type') }, { label: t('docRegister.subject') }, { label: t('docRegister.issued') }, { label: t('docRegister.state') }]}
        rows={rows.map((r) => {
          const field = `reason_${r.id}`
          return (
            <tr key={r.id}>
              <td>
                <strong>{r.symbol}</strong>
              </td>
              <td>{t(`docRegister.type.${r.type}`)}</td>
              <td>{r.title}</td>
              <td>
                {formatDateTime(r.issuedAt, lang)}
                <div className="hint">{r.issuedBy ?? ''}</div>
              </td>
              <td>
                {r.state === 'cancelled' ? (
                  <>
                    <Tag tone="red">{t('docRegister.state.cancelled')}</Tag>
                    <div className="hint">{r.cancelReason}</div>
                  </>
                ) : (
                  <Form method="post" action={`${location.pathname}${location.search}`} className="inline-form">
                    <input type="hidden" name="id" value={r.id} />
                    <label className="label" htmlFor={field}>
                      {t('docRegister.reason', { symbol: r.symbol })}
                    </label>
                    {errors[field] ? (
                      <p className="error-message" id={`${field}-error`}>
                        {message(errors[field].message)}
                      </p>
                    ) : null}
                    <input className="input" id={field} name="reason" type="text" aria-describedby={errors[field] ? `${field}-error` : undefined} />
                    <button type="submit" className="button button--warning">
                      {t('docRegister.cancel')}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          )
        })}
      />
    </>
  )
}

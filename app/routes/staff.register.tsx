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
import { cancelNumber, listRegister, nextNumber, recordExternalNumber } from '../modules/decisions'
import { vnYear } from '../modules/applications'

// The register of official documents (sổ đăng ký văn bản) of a year: one sequence of numbers for all the Fund's
// documents, with who issued each; the records office records here the numbers it gives to documents made outside
// the portal (same sequence, never given twice); a number issued by mistake is cancelled with a reason — it stays,
// marked, and is never given again.

const ROUTE = 'routes/staff.register'
const TYPES: DocumentType[] = ['decision', 'notice', 'minutes', 'receipt', 'letter', 'other']

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'docRegister.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const url = new URL(args.request.url)
  const thisYear = vnYear(new Date())
  const asked = Number(url.searchParams.get('year'))
  const year = Number.isInteger(asked) && asked >= 2025 && asked <= thisYear ? asked : thisYear
  const typeParam = url.searchParams.get('type')
  const type = TYPES.find((t) => t === typeParam)
  return json({
    rows: await listRegister(args.context.db, { year, type }),
    year,
    type: type ?? '',
    years: Array.from({ length: thisYear - 2025 + 1 }, (_, i) => thisYear - i),
    next: await nextNumber(args.context.db),
  })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const raw = await readForm(args.request)
  if (raw.intent === 'external') return recordExternal(args, user, raw)
  const id = intParam(raw.id)
  const result = await cancelNumber(args.context.db, { id, reason: raw.reason ?? '', actor: user, ip: args.context.clientIp })
  if (!result.ok) {
    const message = result.reason === 'reason_required' ? 'docRegister.v.reason' : result.reason === 'already' ? 'docRegister.v.already' : 'docRegister.v.notFound'
    return formError({ [`reason_${id}`]: message }, raw, result.reason === 'not_found' ? 404 : 400)
  }
  const url = new URL(args.request.url)
  return redirect(`/staff/register${url.search ? `${url.search}&` : '?'}notice=cancelled`)
}

/** A number the records office gave outside the portal, recorded in the year's sequence. */
async function recordExternal(args: ActionFunctionArgs, user: { id: string; email: string }, raw: Record<string, string>) {
  const type = TYPES.find((t) => t === raw.ext_type)
  const numberText = (raw.ext_number ?? '').trim()
  const number = numberText === '' ? null : /^\d{1,6}$/.test(numberText) && Number(numberText) > 0 ? Number(numberText) : NaN
  const errors: Record<string, string> = {}
  if (!type) errors.ext_type = 'docRegister.v.type'
  if (Number.isNaN(number)) errors.ext_number = 'docRegister.v.number'
  if (!(raw.ext_title ?? '').trim()) errors.ext_title = 'docRegister.v.subject'
  if (Object.keys(errors).length) return formError(errors, raw, 400)
  const result = await recordExternalNumber(args.context.db, { type: type!, title: raw.ext_title ?? '', number, actor: user, ip: args.context.clientIp })
  if (!result.ok) {
    const next = new URLSearchParams({ next: String(result.next) })
    const message = result.reason === 'title_required' ? 'docRegister.v.subject' : result.reason === 'taken' ? `docRegister.v.taken?${next}` : `docRegister.v.notNext?${next}`
    return formError({ [result.reason === 'title_required' ? 'ext_title' : 'ext_number']: message }, raw, result.reason === 'title_required' ? 400 : 409)
  }
  return redirect(`/staff/register?${new URLSearchParams({ notice: 'recorded', symbol: result.entry.symbol })}`)
}

export default function Register() {
  const { rows, year, type, years, next } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormErrorData | undefined>()
  const values = actionData?.defaultValues ?? {}
  const errors = actionData?.errors ?? {}
  const t = useT()
  const lang = useLang()
  const message = useMessage()
  const location = useLocation()
  const [search] = useSearchParams()
  return (
    <>
      {search.get('notice') === 'cancelled' ? <Banner kind="success">{t('docRegister.cancelled')}</Banner> : null}
      {search.get('notice') === 'recorded' ? <Banner kind="success">{t('docRegister.external.done', { symbol: search.get('symbol') ?? '' })}</Banner> : null}
      <h1>{t('docRegister.title')}</h1>
      <p>{t('docRegister.lead')}</p>
      <section aria-labelledby="external-title">
        <h2 id="external-title">{t('docRegister.external.title')}</h2>
        <p>{t('docRegister.external.lead', { next })}</p>
        <Form method="post" action="/staff/register" className="stack">
          <input type="hidden" name="intent" value="external" />
          {(['ext_type', 'ext_number', 'ext_title'] as const).map((name) => {
            const label = t(name === 'ext_type' ? 'docRegister.type' : name === 'ext_number' ? 'docRegister.external.number' : 'docRegister.external.subject')
            const error = errors[name] ? message(errors[name].message) : null
            const described = error ? `${name}-error` : undefined
            return (
              <div className="field" key={name}>
                <label className="label" htmlFor={name}>
                  {label}
                </label>
                {error ? (
                  <p className="error-message" id={`${name}-error`}>
                    {error}
                  </p>
                ) : null}
                {name === 'ext_type' ? (
                  <select className="select" id={name} name={name} defaultValue={values[name] ?? 'letter'} aria-describedby={described}>
                    {TYPES.map((k) => (
                      <option key={k} value={k}>
                        {t(`docRegister.type.${k}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    className="input"
                    id={name}
                    name={name}
                    type="text"
                    inputMode={name === 'ext_number' ? 'numeric' : undefined}
                    defaultValue={values[name] ?? ''}
                    aria-describedby={described}
                    aria-invalid={error ? true : undefined}
                  />
                )}
              </div>
            )
          })}
          <button type="submit" className="button">
            {t('docRegister.external.submit')}
          </button>
        </Form>
      </section>
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
              <td>
                {t(`docRegister.type.${r.type}`)}
                {r.external ? <div className="hint">{t('docRegister.external')}</div> : null}
              </td>
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

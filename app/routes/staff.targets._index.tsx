import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useFieldLabel } from '../components/call-card'
import { ErrorSummary } from '../components/form'
import { PlainField } from '../components/plain-field'
import { DataTable } from '../components/table'
import { TargetsTable } from '../components/targets-table'
import { Banner } from '../components/ui'
import { formatMoney } from '../i18n/format'
import { type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorizeUser, can } from '../modules/auth'
import { awardedByField, listTargetProgress, recordTargetValue } from '../modules/transparency'

// The resolution's dashboard: each target with its chart and its numbers, the money by priority field, and the
// office's form to enter a value (with its source) for a target the portal holds no records of.

const ROUTE = 'routes/staff.targets._index'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'targets.title')

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const [targets, byField] = await Promise.all([listTargetProgress(args.context.db), awardedByField(args.context.db)])
  return json({ targets, byField, canEnter: can(user, 'application:screen'), saved: new URL(args.request.url).searchParams.get('notice') === 'saved' })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  if (!can(user, 'application:screen')) throw new Response('Forbidden', { status: 403 })
  const raw = await readForm(args.request)
  const result = await recordTargetValue(args.context.db, { values: raw, actor: user, ip: args.context.clientIp })
  if (!result.ok) return formError(result.errors, raw, 400)
  return redirect('/staff/targets?notice=saved')
}

export default function Targets() {
  const { targets, byField, canEnter, saved } = useLoaderData<typeof loader>()
  const data = useActionData<FormErrorData | undefined>()
  const errors = data?.errors ?? {}
  const values = data?.defaultValues ?? {}
  const t = useT()
  const lang = useLang()
  const fieldLabel = useFieldLabel()
  const manual = targets.filter((x) => x.origin !== 'records')
  return (
    <>
      <h1>{t('targets.title')}</h1>
      {saved ? <Banner kind="success">{t('targets.saved')}</Banner> : null}
      <ErrorSummary errors={errors} order={['id', 'value', 'as_of', 'source']} />
      <p className="lead">{t('targets.lead')}</p>
      <p>
        <Link to="/staff/targets/report">{t('targets.report')}</Link>
      </p>
      <TargetsTable targets={targets} />
      <h2>{t('targets.byField')}</h2>
      <DataTable
        caption={t('targets.byField')}
        columns={[
          { label: t('dashboard.col.field') },
          { label: t('targets.col.tasks'), numeric: true },
          { label: t('targets.col.awarded'), numeric: true },
          { label: t('targets.col.counterpart'), numeric: true },
        ]}
        rows={byField.map((r) => (
          <tr key={r.field}>
            <td>{fieldLabel(r.field)}</td>
            <td className="num">{r.tasks}</td>
            <td className="num">{formatMoney(r.awarded)}</td>
            <td className="num">{formatMoney(r.counterpart)}</td>
          </tr>
        ))}
      />
      {canEnter && manual.length ? (
        <section aria-labelledby="enter-title">
          <h2 id="enter-title">{t('targets.enter.title')}</h2>
          <p className="hint">{t('targets.enter.hint')}</p>
          <Form method="post" noValidate>
            <div className={`form-group${errors.id ? ' form-group--error' : ''}`}>
              <label className="label" htmlFor="id">
                {t('targets.f.target')}
              </label>
              <select className="input" id="id" name="id" defaultValue={values.id ?? String(manual[0].id)}>
                {manual.map((x) => (
                  <option key={x.id} value={x.id}>
                    {lang === 'vi' ? x.nameVi : x.nameEn}
                  </option>
                ))}
              </select>
            </div>
            <PlainField name="value" label={t('targets.f.value')} error={errors.value} value={values.value} width="third" />
            <PlainField name="as_of" label={t('targets.f.asOf')} error={errors.as_of} value={values.as_of} width="third" />
            <PlainField name="source" label={t('targets.f.source')} error={errors.source} value={values.source} />
            <button type="submit" className="button">
              {t('targets.enter.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}

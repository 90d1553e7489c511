import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '../components/form'
import { PlainField } from '../components/plain-field'
import { Banner } from '../components/ui'
import { type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { listTargetProgress, updateTarget } from '../modules/transparency'
import { COMPUTATIONS } from '../modules/transparency/kinds'

// The admin keeps the resolution's targets as data: names in both languages, units, baseline, target, year and
// how progress is computed. One form per target; a refused one shows its errors with what was typed.

const ROUTE = 'routes/admin.targets'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'targets.edit.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  return json({ targets: await listTargetProgress(args.context.db), saved: new URL(args.request.url).searchParams.get('notice') === 'saved' })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const raw = await readForm(args.request)
  const result = await updateTarget(args.context.db, { values: raw, actor: user, ip: args.context.clientIp })
  if (!result.ok) return formError(result.errors, raw, result.errors.id ? 404 : 400)
  return redirect('/admin/targets?notice=saved')
}

export default function AdminTargets() {
  const { targets, saved } = useLoaderData<typeof loader>()
  const data = useActionData<FormErrorData | undefined>()
  const t = useT()
  const failedId = data?.defaultValues.id
  return (
    <>
      <h1>{t('targets.edit.title')}</h1>
      {saved ? <Banner kind="success">{t('targets.saved')}</Banner> : null}
      {data ? <ErrorSummary errors={Object.fromEntries(Object.entries(data.errors).map(([k, v]) => [`${k}-${failedId}`, v]))} /> : null}
      {targets.map((x) => {
        const mine = failedId === String(x.id)
        const errors = mine ? (data?.errors ?? {}) : {}
        const v = (name: string, fallback: string | number) => (mine ? (data?.defaultValues[name] ?? '') : String(fallback))
        const f = (name: string) => `${name}-${x.id}`
        return (
          <section key={x.id} aria-labelledby={`t-${x.id}`}>
            <h2 id={`t-${x.id}`}>{x.nameVi}</h2>
            <Form method="post" noValidate className="fieldset-grid">
              <input type="hidden" name="id" value={x.id} />
              {(
                [
                  ['name_vi', 'targets.f.name_vi', x.nameVi],
                  ['name_en', 'targets.f.name_en', x.nameEn],
                  ['unit_vi', 'targets.f.unit_vi', x.unitVi],
                  ['unit_en', 'targets.f.unit_en', x.unitEn],
                  ['baseline', 'targets.f.baseline', x.baseline],
                  ['target', 'targets.f.targetValue', x.target],
                  ['target_year', 'targets.f.year', x.targetYear],
                ] as const
              ).map(([name, label, value]) => (
                <PlainField key={name} id={f(name)} name={name} label={t(label)} error={errors[name]} value={v(name, value)} />
              ))}
              <div className="form-group">
                <label className="label" htmlFor={f('computation')}>
                  {t('targets.f.computation')}
                </label>
                <select className="input" id={f('computation')} name="computation" defaultValue={v('computation', x.computation)}>
                  {COMPUTATIONS.map((c) => (
                    <option key={c} value={c}>
                      {t(`targets.computation.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button">
                {t('targets.edit.submit')}
              </button>
            </Form>
          </section>
        )
      })}
    </>
  )
}

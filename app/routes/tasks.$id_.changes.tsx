import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ChangeSummary } from '../components/changes'
import { describedByOf, ErrorSummary, HintAndError } from '../components/form'
import { Banner } from '../components/ui'
import { formatDay, formatMoney } from '../i18n/format'
import { type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { acceptAmendment, changesForGrantee, requestChange, withdrawChange } from '../modules/contracts'
import { CHANGE_FIELDS, CHANGE_KINDS } from '../modules/contracts/change-schemas'
import { authorizeTaskMember } from '../modules/reports'

// The grantee's changes to its contract (ADR 025): the requests with their states and answers, the form to ask
// for one (the fields of the kind chosen by a link, so it works without JavaScript), and the amendment to accept
// when the Fund has drawn one up (its legal representative only).

const ROUTE = 'routes/tasks.$id_.changes'

type Kind = (typeof CHANGE_KINDS)[number]
const NOTICES = ['requested', 'withdrawn', 'accepted'] as const

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'changes.title')

export async function loader(args: LoaderFunctionArgs) {
  const { task, role, user } = await authorizeTaskMember(args, ROUTE)
  const asked = new URL(args.request.url).searchParams.get('kind')
  return json({
    task: { id: task.applicationId, reference: task.reference, title: task.title, endsOn: task.contract.endsOn, fundAmount: task.contract.fundAmount },
    kind: (CHANGE_KINDS as readonly string[]).includes(asked ?? '') ? (asked as Kind) : null,
    canAct: role !== 'viewer',
    ...(await changesForGrantee(args.context.db, task, { userId: user.id, role })),
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, task, role } = await authorizeTaskMember(args, ROUTE)
  if (role === 'viewer') throw new Response('Forbidden', { status: 403 })
  const { db, env, clientIp } = args.context
  const raw = await readForm(args.request)
  const common = { applicationId: task.applicationId, user, appUrl: env.APP_URL, ip: clientIp }
  const result =
    raw.intent === 'request'
      ? await requestChange(db, { ...common, form: raw })
      : raw.intent === 'withdraw'
        ? await withdrawChange(db, { ...common, changeId: raw.changeId ?? '' })
        : raw.intent === 'accept'
          ? await acceptAmendment(db, { ...common, form: raw })
          : ({ ok: false, status: 400, errors: { form: 'changes.e.notFound' } } as const)
  if (!result.ok) return formError(result.errors, raw, result.status)
  const notice = raw.intent === 'request' ? 'requested' : raw.intent === 'withdraw' ? 'withdrawn' : 'accepted'
  return redirect(`/tasks/${task.applicationId}/changes?notice=${notice}`)
}

export default function TaskChanges() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  const notice = NOTICES.find((n) => n === search.get('notice'))
  const action = useActionData<FormErrorData | undefined>()
  const errors = action?.errors ?? {}
  const values = action?.defaultValues ?? {}
  const { task } = data
  return (
    <>
      <p>
        <Link to={`/tasks/${task.id}`}>← {t('changes.back')}</Link>
      </p>
      {notice ? <Banner kind="success">{t(`changes.notice.${notice}`)}</Banner> : null}
      <ErrorSummary errors={errors} />
      <p className="caption">
        {task.reference} · {task.title}
      </p>
      <h1>{t('changes.title')}</h1>
      <p>{t('changes.lead')}</p>

      <h2>{t('changes.list')}</h2>
      {data.changes.length === 0 ? <p>{t('changes.none')}</p> : null}
      {data.changes.map((c) => (
        <section key={c.id} id={`change-${c.id}`} aria-labelledby={`change-${c.id}-heading`}>
          <ChangeSummary change={c} documentHref={(id) => `/applications/${task.id}/documents/${id}`} headingId={`change-${c.id}-heading`} />
          {c.state === 'requested' && data.canAct ? (
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="changeId" value={c.id} />
              <button type="submit" className="button button--secondary">
                {t('changes.withdraw')}
              </button>
            </Form>
          ) : null}
          {c.amendment?.status === 'proposed' ? (
            <div>
              <h4>{t('changes.amendment.accept.heading')}</h4>
              <p>{t('changes.amendment.accept.who')}</p>
              {data.representative ? (
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="accept" />
                  <input type="hidden" name="amendmentId" value={c.amendment.id} />
                  <Field name="position" label={t('changes.amendment.position')} error={errors.position}>
                    <input className="input input--half" id="position" name="position" type="text" defaultValue={values.position ?? data.position} aria-describedby={describedByOf('position', undefined, errors.position)} aria-invalid={errors.position ? true : undefined} />
                  </Field>
                  <div className={`form-group${errors.confirmed ? ' form-group--error' : ''}`}>
                    <HintAndError name="confirmed" error={errors.confirmed} />
                    <div className="radios__item">
                      <input className="radios__input" id="confirmed" name="confirmed" type="checkbox" value="yes" aria-describedby={describedByOf('confirmed', undefined, errors.confirmed)} aria-invalid={errors.confirmed ? true : undefined} />
                      <label className="radios__label" htmlFor="confirmed">
                        {t('changes.amendment.confirm')}
                      </label>
                    </div>
                  </div>
                  <button type="submit" className="button">
                    {t('changes.amendment.accept')}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
        </section>
      ))}

      <h2 id="new">{t('changes.new.heading')}</h2>
      {data.open ? <p>{t('changes.new.open')}</p> : null}
      {data.canAsk ? (
        <>
          <p>{t('changes.new.limits', { months: data.rules.months, count: data.rules.count, pct: data.rules.pct, suspension: data.rules.suspension })}</p>
          <p>{t('changes.new.pick')}</p>
          <ul className="list-bullet">
            {CHANGE_KINDS.map((k) => (
              <li key={k}>{k === data.kind ? <strong>{t(`changes.kindTitle.${k}`)}</strong> : <Link to={`?kind=${k}#new`}>{t(`changes.kindTitle.${k}`)}</Link>}</li>
            ))}
          </ul>
          {data.kind ? <RequestForm kind={data.kind} errors={errors} values={values} /> : null}
        </>
      ) : null}
    </>
  )
}

function Field({ name, label, hint, error, children }: { name: string; label: string; hint?: string; error?: { message: string }; children: ReactNode }) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      <HintAndError name={name} hint={hint} error={error} />
      {children}
    </div>
  )
}

function RequestForm({ kind, errors, values }: { kind: Kind; errors: FormErrorData['errors']; values: Record<string, string> }) {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const input = (name: string, hint: string | undefined, width: 'full' | 'half' = 'half') => (
    <input
      className={`input input--${width}${errors[name] ? ' input--error' : ''}`}
      id={name}
      name={name}
      type="text"
      defaultValue={values[name] ?? ''}
      aria-describedby={describedByOf(name, hint, errors[name])}
      aria-invalid={errors[name] ? true : undefined}
    />
  )
  const text = (name: string, label: string, hint?: string, width: 'full' | 'half' = 'half') => (
    <Field key={name} name={name} label={label} hint={hint} error={errors[name]}>
      {input(name, hint, width)}
    </Field>
  )
  const category = (name: string, label: string) => (
    <Field key={name} name={name} label={label} error={errors[name]}>
      <select className="input input--half" id={name} name={name} defaultValue={values[name] ?? ''} aria-describedby={describedByOf(name, undefined, errors[name])} aria-invalid={errors[name] ? true : undefined}>
        <option value="">{t('changes.field.category.choose')}</option>
        {Object.entries(data.budget).map(([k, amount]) => (
          <option key={k} value={k}>
            {t('changes.field.category.option', { name: t(`applications.budget.category.${k as 'labour'}`), amount: formatMoney(amount) })}
          </option>
        ))}
      </select>
    </Field>
  )
  const dateHint = t('changes.field.date.hint')
  const fields: Record<string, ReactNode> = {
    endsOn: text('endsOn', t('changes.field.endsOn'), t('changes.field.endsOn.hint', { date: formatDay(data.task.endsOn) })),
    fromCategory: category('fromCategory', t('changes.field.fromCategory')),
    toCategory: category('toCategory', t('changes.field.toCategory')),
    amount: text('amount', t('changes.field.amount'), t('changes.field.amount.hint', { max: formatMoney(data.rules.maxMove) })),
    investigatorName: text('investigatorName', t('changes.field.investigatorName'), undefined, 'full'),
    investigatorId: text('investigatorId', t('changes.field.investigatorId'), t('changes.field.investigatorId.hint')),
    hostName: text('hostName', t('changes.field.hostName'), undefined, 'full'),
    hostIdentifier: text('hostIdentifier', t('changes.field.hostIdentifier'), t('changes.field.hostIdentifier.hint')),
    suspendFrom: text('suspendFrom', t('changes.field.suspendFrom'), dateHint),
    suspendUntil: text('suspendUntil', t('changes.field.suspendUntil'), dateHint),
  }
  const reasonsHint = t('changes.field.reasons.hint')
  return (
    <Form method="post" action={`?kind=${kind}#new`} noValidate>
      <h3>{t(`changes.kindTitle.${kind}`)}</h3>
      <input type="hidden" name="intent" value="request" />
      <input type="hidden" name="kind" value={kind} />
      {kind === 'termination' ? <Banner>{t('changes.termination.warning')}</Banner> : null}
      {CHANGE_FIELDS[kind].map((f) => fields[f])}
      <Field name="reasons" label={t('changes.field.reasons')} hint={reasonsHint} error={errors.reasons}>
        <textarea
          className={`input textarea${errors.reasons ? ' input--error' : ''}`}
          id="reasons"
          name="reasons"
          rows={6}
          defaultValue={values.reasons ?? ''}
          aria-describedby={describedByOf('reasons', reasonsHint, errors.reasons)}
          aria-invalid={errors.reasons ? true : undefined}
        />
      </Field>
      <button type="submit" className="button">
        {t('changes.submit')}
      </button>
    </Form>
  )
}

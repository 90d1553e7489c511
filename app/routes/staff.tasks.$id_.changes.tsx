import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ChangeSummary } from '../components/changes'
import { describedByOf, ErrorSummary, HintAndError } from '../components/form'
import { Banner } from '../components/ui'
import { type FormErrorData, formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { draftAmendment, listChanges, reviewChange } from '../modules/contracts'
import { requestSignature } from '../modules/decisions'
import { authorizeTaskStaff } from '../modules/reports'

// The office's side of a task's changes (ADR 025): each request with its state; the answer (approve with
// conditions, or refuse with reasons) sent for the director's signature; the amendment drawn up from a decided
// change and, once the grantee accepted it, sent for signature. The director signs at /signing/:id.

const ROUTE = 'routes/staff.tasks.$id_.changes'
const NOTICES = ['reviewed', 'drafted', 'sent'] as const

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'changes.title')

export async function loader(args: LoaderFunctionArgs) {
  const { user, task } = await authorizeTaskStaff(args, ROUTE)
  const changes = await listChanges(args.context.db, task.contract.id)
  return json({ task: { id: task.applicationId, reference: task.reference, title: task.title, organisation: task.organisation }, changes, office: user.roles.includes('staff') })
}

export async function action(args: ActionFunctionArgs) {
  const { user, task } = await authorizeTaskStaff(args, ROUTE)
  if (!user.roles.includes('staff')) throw new Response('Forbidden', { status: 403 })
  const { db, env, clientIp } = args.context
  const raw = await readForm(args.request)
  const common = { applicationId: task.applicationId, actor: user, appUrl: env.APP_URL, ip: clientIp }
  /** Sends a change's answer or an amendment for signature; a refusal in words beside the form. */
  const send = async (kind: 'change_decision' | 'amendment', subjectId: string) => {
    const r = await requestSignature(db, { kind, subjectId, actor: user, appUrl: env.APP_URL, ip: clientIp })
    return r.ok ? null : formError({ form: `changes.e.signature.${r.reason}` }, raw, r.reason === 'not_found' ? 404 : 409)
  }
  let notice: (typeof NOTICES)[number]
  if (raw.intent === 'review') {
    const r = await reviewChange(db, { ...common, form: raw })
    if (!r.ok) return formError(r.errors, raw, r.status)
    const refused = await send('change_decision', r.id)
    if (refused) return refused
    notice = 'reviewed'
  } else if (raw.intent === 'resend') {
    const refused = await send('change_decision', raw.changeId ?? '')
    if (refused) return refused
    notice = 'reviewed'
  } else if (raw.intent === 'draft') {
    const r = await draftAmendment(db, { ...common, changeId: raw.changeId ?? '' })
    if (!r.ok) return formError(r.errors, raw, r.status)
    notice = 'drafted'
  } else if (raw.intent === 'send') {
    const refused = await send('amendment', raw.amendmentId ?? '')
    if (refused) return refused
    notice = 'sent'
  } else {
    return formError({ form: 'changes.e.notFound' }, raw, 400)
  }
  return redirect(`/staff/tasks/${task.applicationId}/changes?notice=${notice}`)
}

export default function StaffTaskChanges() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  const notice = NOTICES.find((n) => n === search.get('notice'))
  const action = useActionData<FormErrorData | undefined>()
  const errors = action?.errors ?? {}
  const values = action?.defaultValues ?? {}
  // The review form's fields are named per change: the summary links to the one in error.
  const target: Record<string, string> = values.changeId ? { outcome: `outcome-${values.changeId}-approve`, note: `note-${values.changeId}` } : {}
  const summary = Object.fromEntries(Object.entries(errors).map(([k, v]) => [target[k] ?? k, v]))
  const { task } = data
  return (
    <>
      <p>
        <Link to={`/staff/tasks/${task.id}`}>← {t('changes.back')}</Link>
      </p>
      {notice ? <Banner kind="success">{t(`changes.notice.${notice}`)}</Banner> : null}
      <ErrorSummary errors={summary} />
      <p className="caption">
        {task.reference} · {task.organisation}
      </p>
      <h1>{t('changes.title')}</h1>
      <p>{task.title}</p>
      <p>{t('changes.staffLead')}</p>
      {data.changes.length === 0 ? <p>{t('changes.none')}</p> : null}
      {data.changes.map((c) => {
        const answerable = c.state === 'requested' || ((c.state === 'approved' || c.state === 'rejected') && !c.decidedAt)
        // The form's fields carry the change's id, so that two changes' forms never share an id on the page.
        const mine = values.changeId === c.id
        const field = (name: string) => `${name}-${c.id}`
        return (
          <section key={c.id} id={`change-${c.id}`} aria-labelledby={`change-${c.id}-heading`}>
            <ChangeSummary change={c} documentHref={(id) => `/staff/applications/${task.id}/documents/${id}`} headingId={`change-${c.id}-heading`} />
            {c.signatureRequestId ? <p>{t('changes.review.waiting')}</p> : null}
            {data.office && answerable ? (
              <Form method="post" noValidate>
                <h4>{c.state === 'requested' ? t('changes.review.heading') : t('changes.review.again')}</h4>
                <input type="hidden" name="intent" value="review" />
                <input type="hidden" name="changeId" value={c.id} />
                <fieldset className={`form-group${mine && errors.outcome ? ' form-group--error' : ''}`} aria-describedby={mine && errors.outcome ? `${field('outcome')}-error` : undefined}>
                  <legend className="label">{t('changes.review.outcome')}</legend>
                  <HintAndError name={field('outcome')} error={mine ? errors.outcome : undefined} />
                  {(['approve', 'reject'] as const).map((o) => (
                    <div className="radios__item" key={o}>
                      <input className="radios__input" id={`${field('outcome')}-${o}`} name="outcome" type="radio" value={o} defaultChecked={mine ? values.outcome === o : (c.state === 'rejected' ? 'reject' : 'approve') === o} />
                      <label className="radios__label" htmlFor={`${field('outcome')}-${o}`}>
                        {t(o === 'approve' ? 'changes.review.approve' : 'changes.review.reject')}
                      </label>
                    </div>
                  ))}
                </fieldset>
                <div className={`form-group${mine && errors.note ? ' form-group--error' : ''}`}>
                  <label className="label" htmlFor={field('note')}>
                    {t('changes.review.note')}
                  </label>
                  <HintAndError name={field('note')} hint={t('changes.review.note.hint')} error={mine ? errors.note : undefined} />
                  <textarea
                    className={`input textarea${mine && errors.note ? ' input--error' : ''}`}
                    id={field('note')}
                    name="note"
                    rows={4}
                    defaultValue={mine ? (values.note ?? '') : c.decisionNote}
                    aria-describedby={describedByOf(field('note'), 'hint', mine ? errors.note : undefined)}
                  />
                </div>
                <button type="submit" className="button">
                  {t('changes.review.submit')}
                </button>
              </Form>
            ) : null}
            {data.office && answerable && c.state !== 'requested' && !c.signatureRequestId ? (
              <Form method="post">
                <input type="hidden" name="intent" value="resend" />
                <input type="hidden" name="changeId" value={c.id} />
                <button type="submit" className="button button--secondary">
                  {t('changes.review.resend')}
                </button>
              </Form>
            ) : null}
            {data.office && c.state === 'decided' && !c.amendment ? (
              <Form method="post">
                <input type="hidden" name="intent" value="draft" />
                <input type="hidden" name="changeId" value={c.id} />
                <button type="submit" className="button">
                  {t('changes.amendment.draft')}
                </button>
              </Form>
            ) : null}
            {data.office && c.amendment?.status === 'accepted' && !c.amendment.signatureRequestId ? (
              <Form method="post">
                <input type="hidden" name="intent" value="send" />
                <input type="hidden" name="amendmentId" value={c.amendment.id} />
                <button type="submit" className="button">
                  {t('changes.amendment.send')}
                </button>
              </Form>
            ) : null}
            {c.amendment?.signatureRequestId ? <p>{t('changes.review.waiting')}</p> : null}
          </section>
        )
      })}
    </>
  )
}

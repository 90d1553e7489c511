import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { DossierSummary } from '../components/dossier'
import { Banner } from '../components/ui'
import type { MessageKey } from '../i18n'
import { readForm } from '../lib/forms.server'
import { pageTitle, useLang, useMessage, useT } from '../lib/i18n'
import { checkSubmission, authorizeApplicationMember, getDossier, type SubmissionProblem } from '../modules/applications'
import { baseVersionOf } from '../modules/applications/sections'
import { REOPENED_STATUSES } from '../modules/applications/access'
import { applyTransition } from '../modules/workflow'

const ROUTE = 'routes/applications.$id.check'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'submission.check.title')

async function load(args: LoaderFunctionArgs) {
  return authorizeApplicationMember(args, ROUTE)
}

export async function loader(args: LoaderFunctionArgs) {
  const { access } = await load(args)
  const db = args.context.db
  const id = access.application.id
  const dossier = await getDossier(db, access)
  // A draft is submitted; an application the Fund asked to change (at screening, or to revise after the
  // council) is resubmitted (its deadline is the request's).
  const resubmitting = REOPENED_STATUSES.includes(access.application.status)
  const isDraft = access.application.status === 'draft' || resubmitting
  const problems = isDraft ? (await checkSubmission(db, access)).filter((p) => !resubmitting || p.message !== 'submission.problem.deadline') : []
  return json({
    application: { id, title: access.application.title, status: access.application.status, version: access.application.version, reference: access.application.reference },
    call: { title_vi: access.call.title_vi, title_en: access.call.title_en },
    dossier,
    reopened: access.reopened,
    problems,
    isDraft,
    resubmitting,
    canSubmit: isDraft && access.role !== 'viewer',
    viewer: access.role === 'viewer',
  })
}

export async function action(args: ActionFunctionArgs) {
  const { user, access } = await load(args)
  const raw = await readForm(args.request)
  const resubmitting = REOPENED_STATUSES.includes(access.application.status)
  const result = await applyTransition(args.context.db, {
    applicationId: access.application.id,
    event: access.application.status === 'revision' ? 'submit_revision' : resubmitting ? 'resubmit' : 'submit',
    actor: user,
    as: 'applicant',
    expectedVersion: baseVersionOf(raw.version),
    lang: user.lang,
    appUrl: args.context.env.APP_URL,
    ip: args.context.clientIp,
  })
  if (result.ok) return redirect(resubmitting ? `/applications/${access.application.id}?notice=resubmitted` : `/applications/${access.application.id}/confirmation`)
  // The machine's refusal, in the words of this page.
  const refusal =
    result.reason === 'version' ? 'changed'
    : result.reason === 'state' ? 'status'
    : result.reason === 'role' ? 'forbidden'
    : result.reason === 'guard' && result.problem === 'submission.refused.deadline' ? 'deadline'
    : 'problems'
  const problems = result.reason === 'guard' ? ((result.problems ?? []) as SubmissionProblem[]) : []
  return json({ refusal, problems }, { status: result.status })
}

function useProblemText() {
  const message = useMessage()
  const lang = useLang()
  const t = useT()
  return (p: SubmissionProblem) => (p.document ? t('submission.problem.document', { name: lang === 'en' && p.document.en ? p.document.en : p.document.vi }) : message(p.message))
}

export default function CheckAnswers() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const t = useT()
  const lang = useLang()
  const problemText = useProblemText()
  const navigation = useNavigation()
  const submitting = navigation.state !== 'idle' && navigation.formMethod?.toUpperCase() === 'POST'
  const alertRef = useRef<HTMLDivElement>(null)
  const problems: SubmissionProblem[] = actionData?.problems?.length ? actionData.problems : data.problems
  const refusal = actionData?.refusal
  useEffect(() => {
    if (refusal) alertRef.current?.focus()
  }, [refusal])

  const base = `/applications/${data.application.id}`
  const editable = data.canSubmit
  return (
    <>
      <p>
        <Link to={base}>← {t('applications.form.back')}</Link>
      </p>
      {refusal ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={alertRef} aria-labelledby="refusal-title">
          <h2 className="error-summary__title" id="refusal-title">
            {t('submission.check.problems')}
          </h2>
          <p>{t(`submission.refused.${refusal}` as MessageKey)}</p>
          {problems.length ? (
            <ul className="error-summary__list">
              {problems.map((p, i) => (
                <li key={i}>
                  <Link to={p.href}>{problemText(p)}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <p className="caption">{lang === 'en' && data.call.title_en ? data.call.title_en : data.call.title_vi}</p>
      <h1>{t('submission.check.title')}</h1>
      {!data.isDraft ? <Banner>{t('submission.check.notDraft')}</Banner> : data.viewer ? <Banner>{t('submission.check.viewer')}</Banner> : null}
      {data.isDraft && !refusal && problems.length ? (
        <div className="result" aria-labelledby="problems-title">
          <h2 className="result__title" id="problems-title">
            {t('submission.check.problems')}
          </h2>
          <p>{t('submission.check.problems.lead')}</p>
          <ul className="list-bullet">
            {problems.map((p, i) => (
              <li key={i}>
                <Link to={p.href}>{problemText(p)}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {editable ? <p>{t(data.resubmitting ? 'submission.check.resubmit.lead' : 'submission.check.lead')}</p> : null}

      <DossierSummary
        dossier={data.dossier}
        base={base}
        canChange={(section) => editable && (!data.resubmitting || data.reopened.includes(section))}
        fileHref={(id) => `${base}/attachments/${id}`}
      />

      {data.canSubmit ? (
        <>
          <h2>{t('submission.check.declaration.title')}</h2>
          <p>{t('submission.check.declaration')}</p>
          <Form method="post">
            <input type="hidden" name="version" value={data.application.version} />
            <button type="submit" className="button" disabled={submitting} aria-disabled={submitting || undefined} data-prevent-double-click="true">
              {submitting ? t('submission.check.submitting') : t(data.resubmitting ? 'submission.check.resubmit' : 'submission.check.submit')}
            </button>
          </Form>
        </>
      ) : null}
    </>
  )
}

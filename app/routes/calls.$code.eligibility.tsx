import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useMemo, useRef } from 'react'
import { ErrorSummary, PortalFormTag, RadioGroup, SubmitButton, usePortalForm } from '../components/form'
import { cookieIsSecure } from '../config/env.server'
import { formatDate, formatTime } from '../i18n/format'
import { parseForm } from '../lib/forms.server'
import { pageTitle, useLang, useT } from '../lib/i18n'
import { authorize } from '../modules/auth'
import { eligibilityCookie, readEligibilityAnswers, requirePublicCall } from '../modules/calls'
import {
  answersFromForm,
  APPLICANT_TYPE_FIELD,
  eligibilitySchema,
  type EligibilityResult,
  evaluateEligibility,
  formFromAnswers,
  OTHER_TYPE,
  questionField,
} from '../modules/calls/eligibility'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calls.eligibility.title')

/** What the check page needs of the call (not its documents or rubric). */
function checkData(call: Awaited<ReturnType<typeof requirePublicCall>>) {
  const { code, title_vi, title_en, phase, opens_at, eligible_types, eligibility_questions } = call
  return { code, title_vi, title_en, phase, opens_at, eligible_types, eligibility_questions }
}

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/calls.$code.eligibility')
  const call = await requirePublicCall(args.context.db, args.params.code)
  // A check made earlier in this browser (kept for a day) fills the form again.
  const earlier = readEligibilityAnswers(args.request, call.code)
  return json({ call: checkData(call), defaultValues: earlier ? formFromAnswers(call, earlier) : {} })
}

interface CheckAnswer {
  result: EligibilityResult
  defaultValues: Record<string, string>
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, 'routes/calls.$code.eligibility')
  const call = await requirePublicCall(args.context.db, args.params.code)
  const parsed = await parseForm(args.request, eligibilitySchema(call))
  if (!parsed.ok) return parsed.response
  const answers = answersFromForm(call, parsed.data as Record<string, string>)
  const result = evaluateEligibility(call, answers)
  // Eligible answers travel to the application for a day; any other outcome forgets earlier ones.
  const cookie = eligibilityCookie(call.code, result.eligible && call.phase !== 'closed' ? answers : null, { secure: cookieIsSecure(args.context.env) })
  const body: CheckAnswer = { result, defaultValues: formFromAnswers(call, answers) }
  return json(body, { headers: { 'Set-Cookie': cookie } })
}

export default function EligibilityCheck() {
  const { call, defaultValues } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const t = useT()
  const lang = useLang()
  const schema = useMemo(() => eligibilitySchema(call), [call])
  const form = usePortalForm(schema, defaultValues)
  const result = actionData && 'result' in actionData ? (actionData.result as EligibilityResult) : null
  const resultRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (result) resultRef.current?.focus()
  }, [result])
  const title = lang === 'vi' ? call.title_vi : call.title_en
  const callHref = `/calls/${encodeURIComponent(call.code)}`
  const opens = new Date(call.opens_at)
  const order = [APPLICANT_TYPE_FIELD, ...call.eligibility_questions.map((q) => questionField(q.id))]
  const yesNo = [
    { value: 'yes', label: t('calls.eligibility.yes') },
    { value: 'no', label: t('calls.eligibility.no') },
  ]
  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} order={order} />
      <p className="caption">{title}</p>
      <h1>{t('calls.eligibility.title')}</h1>
      {result ? (
        result.eligible ? (
          <div className="panel panel--success" role="region" tabIndex={-1} ref={resultRef} aria-labelledby="result-title">
            <h2 className="panel__title" id="result-title">
              {t('calls.eligibility.eligible.title')}
            </h2>
            <p className="panel__body">{t('calls.eligibility.eligible.body')}</p>
          </div>
        ) : (
          <div className="result result--ineligible" role="region" tabIndex={-1} ref={resultRef} aria-labelledby="result-title">
            <h2 className="result__title" id="result-title">
              {t('calls.eligibility.ineligible.title')}
            </h2>
            <p>{t('calls.eligibility.ineligible.lead')}</p>
            <ul className="list-bullet">
              {result.reasons.map((r) => (
                <li key={r.questionId}>{lang === 'vi' ? r.reason_vi : r.reason_en}</li>
              ))}
            </ul>
            <p>{t('calls.eligibility.ineligible.next')}</p>
            <p>
              <Link to="/calls">{t('calls.eligibility.otherCalls')}</Link>
            </p>
          </div>
        )
      ) : null}
      {result?.eligible ? (
        call.phase === 'open' ? (
          <p>
            <a className="button button--start" href={`/applications/new?call=${encodeURIComponent(call.code)}`}>
              {t('calls.eligibility.start')}
            </a>
          </p>
        ) : (
          <p>{call.phase === 'upcoming' ? t('calls.eligibility.upcoming', { time: formatTime(opens), date: formatDate(opens) }) : t('calls.eligibility.closed')}</p>
        )
      ) : null}
      {result ? <h2>{t('calls.eligibility.yourAnswers')}</h2> : <p>{t('calls.eligibility.lead')}</p>}
      <PortalFormTag form={form}>
        {call.eligible_types.length > 0 ? (
          <RadioGroup
            form={form}
            name={APPLICANT_TYPE_FIELD}
            legend={t('calls.eligibility.typeQuestion')}
            options={[
              ...call.eligible_types.map((type) => ({ value: type, label: t(`calls.applicantType.${type}`) })),
              { value: OTHER_TYPE, label: t('calls.applicantType.other') },
            ]}
          />
        ) : null}
        {call.eligibility_questions.length === 0 && call.eligible_types.length === 0 ? <p>{t('calls.eligibility.noQuestions')}</p> : null}
        {call.eligibility_questions.map((q, i) => (
          <RadioGroup key={q.id} form={form} name={questionField(q.id)} legend={`${i + 1}. ${lang === 'vi' ? q.text_vi : q.text_en}`} options={yesNo} />
        ))}
        <SubmitButton form={form}>{t('calls.eligibility.submit')}</SubmitButton>
      </PortalFormTag>
      <p>
        <Link to={callHref}>{t('calls.eligibility.backToCall')}</Link>
      </p>
    </div>
  )
}

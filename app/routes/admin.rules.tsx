import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorSummary, PortalFormTag, SubmitButton, TextField, usePortalForm } from '../components/form'
import { Banner } from '../components/ui'
import type { MessageKey } from '../i18n'
import { formError, readForm } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { getReviewRules, rulesToForm, updateReviewRules } from '../modules/fund'
import { type RuleField, reviewRulesFormSchema } from '../modules/fund/schemas'

// The selection rules every council, meeting, ranking and clock uses: numbers of the regulations kept as
// configuration (their defaults are today's rules), edited by an administrator and audited.

const ROUTE = 'routes/admin.rules'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'rules.title')

const GROUPS: [heading: MessageKey, fields: RuleField[]][] = [
  ['rules.council', ['councilMin', 'councilMax', 'quorumFraction', 'opponentsPerApplication']],
  ['rules.scoring', ['passMark', 'deviationLimitPct', 'zeroScoreMaxFraction', 'bonusPct', 'disagreementSpread']],
  ['rules.clocks', ['screeningWorkingDays', 'papersBeforeMeetingWorkingDays', 'reviewerReminderDays']],
  ['rules.appraisal', ['revisionDays', 'appraisalWorkingDays', 'appraisalTeamSize', 'appraisalQuorum']],
  ['rules.acceptance', ['acceptanceExcellentFraction', 'acceptanceFailFraction', 'acceptanceFinaliseWorkingDays', 'acceptanceDossierDays']],
  ['rules.transparency', ['councilWorkingDays', 'decisionWorkingDays', 'resultsOnlineDays']],
  ['rules.reports', ['reportReminderDays', 'reportLateAfterDays', 'reportVeryLateAfterDays', 'reportProductMaxMb']],
]

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  return json({ values: rulesToForm(await getReviewRules(args.context.db)), saved: new URL(args.request.url).searchParams.get('notice') === 'saved' })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const raw = await readForm(args.request)
  const result = await updateReviewRules(args.context.db, { values: raw, actor: user, ip: args.context.clientIp })
  if (!result.ok) return formError(result.errors, raw)
  return redirect('/admin/rules?notice=saved')
}

export default function ReviewRulesPage() {
  const { values, saved } = useLoaderData<typeof loader>()
  const t = useT()
  const form = usePortalForm(reviewRulesFormSchema, values)
  return (
    <>
      <p>
        <Link to="/admin">← {t('admin.title')}</Link>
      </p>
      <ErrorSummary errors={form.errors} order={GROUPS.flatMap(([, fields]) => fields)} />
      {saved ? <Banner kind="success">{t('rules.saved')}</Banner> : null}
      <h1>{t('rules.title')}</h1>
      <p className="lead">{t('rules.lead')}</p>
      <PortalFormTag form={form}>
        {GROUPS.map(([heading, fields]) => (
          <section key={heading}>
            <h2>{t(heading)}</h2>
            {fields.map((name) => (
              <TextField key={name} form={form} name={name} label={t(`rules.${name}`)} width="third" />
            ))}
          </section>
        ))}
        <SubmitButton form={form}>{t('rules.save')}</SubmitButton>
      </PortalFormTag>
    </>
  )
}

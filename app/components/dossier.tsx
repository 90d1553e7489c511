import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'
import type { MessageKey } from '../i18n'
import { formatMoney, formatPercent } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import type { Dossier } from '../modules/applications/dossier'
import { isYes, MEMBER_ROWS, MILESTONE_ROWS } from '../modules/applications/sections'
import { meetsCounterpart } from '../modules/applications/budget'
import { PRIORITY_FIELDS } from '../modules/calls/fields'
import { formatTaxCode } from '../modules/organisations/identifiers'

// The whole dossier as summary lists, section by section: the applicant's "check your answers" (with a
// "change" link where they may still change it) and the Fund's screening page (read-only, files through the
// staff download route) show the same thing.

type Row = { key: string; section: string; label: string; value: string; href: string }

export function DossierSummary({
  dossier,
  base,
  canChange = () => false,
  fileHref,
  blind = false,
}: {
  dossier: SerializeFrom<Dossier>
  /** The applicant's application URL, for the "change" links. */
  base: string
  /** Whether the reader may change a section (its task key) from here. */
  canChange?: (section: string) => boolean
  fileHref: (attachmentId: string) => string
  /** A blind call's reviewer: no organisation section, and the team without names or addresses. */
  blind?: boolean
}) {
  const t = useT()
  const lang = useLang()
  const s = dossier.sections
  const v = (key: string, f: string) => s[key]?.[f] ?? ''
  const row = (key: string, field: string, label: string, value: string): Row => ({ key: `${key}-${field}`, section: key, label, value, href: `${base}/sections/${key}#${field}` })

  const general: Row[] = [
    row('general', 'title', t('applications.general.title'), v('general', 'title')),
    row('general', 'priority_field', t('applications.general.priority_field'), (PRIORITY_FIELDS as readonly string[]).includes(v('general', 'priority_field')) ? t(`field.${v('general', 'priority_field') as (typeof PRIORITY_FIELDS)[number]}`) : ''),
    row('general', 'duration_months', t('applications.general.duration_months'), v('general', 'duration_months')),
    row('general', 'summary', t('applications.general.summary'), v('general', 'summary')),
  ]
  const person = (who: string) => (blind ? [v('team', `${who}_qualification`)] : [v('team', `${who}_name`), v('team', `${who}_qualification`), v('team', `${who}_email`)]).filter(Boolean).join('\n')
  const team: Row[] = [
    row('team', 'pi_name', t('applications.team.pi'), person('pi')),
    row('team', 'secretary_name', t('applications.team.secretary'), person('secretary')),
    ...Array.from({ length: MEMBER_ROWS }, (_, i) => i + 1)
      .filter((i) => v('team', `m${i}_name`) || v('team', `m${i}_role`))
      .map((i) => row('team', `m${i}_name`, t('submission.check.member', { row: i }), [blind ? '' : v('team', `m${i}_name`), v('team', `m${i}_role`), v('team', `m${i}_qualification`)].filter(Boolean).join(' — '))),
  ]
  const proposal: Row[] = [
    ...(['necessity', 'objectives', 'content_methods', 'products', 'ip_outputs', 'applicability'] as const).map((f) => row('proposal', f, t(`applications.proposal.${f}`), v('proposal', f))),
    ...Array.from({ length: MILESTONE_ROWS }, (_, i) => i + 1)
      .filter((i) => v('proposal', `ms${i}_title`) || v('proposal', `ms${i}_due`))
      .map((i) => row('proposal', `ms${i}_title`, t('submission.check.milestone', { row: i }), `${v('proposal', `ms${i}_title`)} (${v('proposal', `ms${i}_due`)})`)),
  ]
  const { budget, rules } = dossier
  const budgetRows: Row[] = [
    row('budget', 'labour_requested', t('submission.check.budget.requested'), formatMoney(budget.requested)),
    row('budget', 'labour_own', t('submission.check.budget.counterpart'), formatMoney(budget.counterpart)),
    row('budget', 'labour_requested', t('submission.check.budget.total'), formatMoney(budget.total)),
    row('budget', 'labour_own', t('submission.check.budget.pct'), formatPercent(budget.pct, lang)),
  ].map((r, i) => ({ ...r, key: `${r.key}-${i}` }))
  const duration = Number(v('general', 'duration_months'))
  const ruleResults: { label: string; met: boolean }[] = [
    { label: t('submission.check.rule.maxAmount', { max: formatMoney(rules.max_amount) }), met: budget.requested > 0 && budget.requested <= rules.max_amount },
    { label: t('submission.check.rule.minCounterpart', { min: rules.min_counterpart_pct }), met: budget.total > 0 && meetsCounterpart(budget, rules.min_counterpart_pct) },
    { label: t('submission.check.rule.maxDuration', { max: rules.max_duration_months }), met: duration > 0 && duration <= rules.max_duration_months },
  ]
  const declarations: Row[] = (['truthful', 'consent'] as const).map((f) =>
    row('declarations', f, t(`applications.declarations.${f}`), isYes(v('declarations', f)) ? t('submission.check.yes') : t('submission.check.no')),
  )
  const org = dossier.organisation
  const orgRows: Row[] = org
    ? [
        row('organisation', 'name', t('submission.check.organisation.name'), org.name),
        row('organisation', 'identifier', t('submission.check.organisation.identifier'), org.identifier_kind === 'tax_code' ? formatTaxCode(org.identifier) : org.identifier),
        row('organisation', 'address', t('submission.check.organisation.address'), `${org.address_line}, ${t(`org.ward.${org.ward_kind}`, { name: org.ward_name })}, ${t('org.province')}`),
        row('organisation', 'legal_rep', t('submission.check.organisation.legalRep'), `${org.legal_rep_name} (${org.legal_rep_title})`),
        row('organisation', 'contact', t('submission.check.organisation.contact'), `${org.phone} · ${org.email}`),
      ]
    : []

  const List = ({ rows }: { rows: Row[] }) => (
    <dl className="summary-list">
      {rows.map((r) => (
        <div className={`summary-list__row${canChange(r.section) ? ' summary-list__row--actions' : ''}`} key={r.key}>
          <dt>{r.label}</dt>
          <dd className="pre-line">{r.value || <span className="hint">{t('submission.check.empty')}</span>}</dd>
          {canChange(r.section) ? (
            <dd className="summary-list__actions">
              <Link to={r.href}>
                {t('submission.check.change')}
                <span className="visually-hidden"> {r.label}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  )
  const sectionTitle = (key: string) => t(`applications.section.${key}` as MessageKey)

  return (
    <>
      <h2>{sectionTitle('general')}</h2>
      <List rows={general} />
      {blind ? null : (
        <>
          <h2>{sectionTitle('organisation')}</h2>
          <List rows={orgRows} />
        </>
      )}
      <h2>{sectionTitle('team')}</h2>
      <List rows={team} />
      <h2>{sectionTitle('proposal')}</h2>
      <List rows={proposal} />
      <h2>{sectionTitle('budget')}</h2>
      <List rows={budgetRows} />
      <h3>{t('submission.check.rules')}</h3>
      <dl className="summary-list">
        {ruleResults.map((r) => (
          <div className="summary-list__row" key={r.label}>
            <dt>{r.label}</dt>
            <dd>{r.met ? t('submission.check.rule.met') : t('submission.check.rule.notMet')}</dd>
          </div>
        ))}
      </dl>
      <h2>{t('submission.check.documents')}</h2>
      <dl className="summary-list">
        {dossier.slots.map((slot) => {
          const name = lang === 'en' && slot.document.name_en ? slot.document.name_en : slot.document.name_vi
          return (
            <div className={`summary-list__row${canChange('attachments') ? ' summary-list__row--actions' : ''}`} key={slot.document.id}>
              <dt>
                {name}
                {slot.document.mandatory ? null : <span className="label__optional"> {t('submission.check.document.optional')}</span>}
              </dt>
              <dd>
                {slot.attachment ? (
                  <a href={fileHref(slot.attachment.id)} download>
                    {slot.attachment.filename}
                  </a>
                ) : (
                  <span className="hint">{t('submission.check.document.missing')}</span>
                )}
              </dd>
              {canChange('attachments') ? (
                <dd className="summary-list__actions">
                  <Link to={`${base}/attachments#file-${slot.document.id}`}>
                    {t('submission.check.change')}
                    <span className="visually-hidden"> {name}</span>
                  </Link>
                </dd>
              ) : null}
            </div>
          )
        })}
      </dl>
      <h2>{sectionTitle('declarations')}</h2>
      <List rows={declarations} />

    </>
  )
}

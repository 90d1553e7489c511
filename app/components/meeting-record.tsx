import { Form, useActionData } from '@remix-run/react'
import type { MeetingMember } from '../modules/review/meeting'
import type { MeetingRecord } from '../modules/review/meeting-record'
import type { FormErrorData } from '../lib/forms.server'
import { useT } from '../lib/i18n'
import { Banner } from './ui'
import { describedByOf, HintAndError } from './form'

// The meeting's record on the council meeting page: who presided, the vote-counting board, the revision period and,
// once concluded, the council's conclusions per application. The minutes print them.

type Jsonified<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] }

export function MeetingRecordForm({
  members,
  record,
  viceChairAuthorised,
  saved,
  busy,
}: {
  members: Jsonified<MeetingMember>[]
  record: MeetingRecord
  viceChairAuthorised: boolean
  saved: boolean
  busy: boolean
}) {
  const t = useT()
  const data = useActionData<FormErrorData | undefined>()
  const errors = data?.errors ?? {}
  const values = data?.defaultValues ?? {}
  const presiders = members.filter((m) => m.role === 'chair' || (m.role === 'vice_chair' && viceChairAuthorised))
  const byName = new Map(members.map((m) => [m.fullName, m.userId]))
  const board = [0, 1, 2].map((i) => values[`board_${i + 1}`] ?? byName.get(record.countingBoard[i] ?? '') ?? '')
  const disabled = !record.editable
  const select = (name: string, label: string, value: string, options: { value: string; label: string }[], hint?: string) => (
    <div className="field" key={name}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      <HintAndError name={name} hint={hint} error={errors[name]} />
      <select className="select" id={name} name={name} defaultValue={value} disabled={disabled} aria-describedby={describedByOf(name, hint, errors[name])}>
        <option value="">{t('record.none')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
  const memberOptions = members.map((m) => ({ value: m.userId, label: `${m.fullName} — ${t(`reviewing.role.${m.role}`)}` }))
  return (
    <section aria-labelledby="record-title" id="record">
      <h2 id="record-title">{t('record.title')}</h2>
      {saved ? <Banner kind="success">{t('record.saved')}</Banner> : null}
      <p>{t(record.editable ? 'record.lead' : 'record.locked')}</p>
      <Form method="post" action="#record">
        <input type="hidden" name="intent" value="record" />
        {select('presided_by', t('record.presidedBy'), values.presided_by ?? record.presidedBy ?? '', presiders.map((m) => ({ value: m.userId, label: `${m.fullName} — ${t(`reviewing.role.${m.role}`)}` })), t(viceChairAuthorised ? 'record.presidedBy.hint' : 'record.presidedBy.noAuthority'))}
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('record.board')}</legend>
          <HintAndError name="board" hint={t('record.board.hint')} />
          {board.map((value, i) => select(`board_${i + 1}`, t(i === 0 ? 'record.board.head' : 'record.board.member', { n: i }), value, memberOptions))}
        </fieldset>
        <div className="field">
          <label className="label" htmlFor="revision_days">
            {t('record.revisionDays')}
          </label>
          <HintAndError name="revision_days" hint={t('record.revisionDays.hint')} error={errors.revision_days} />
          <input
            className="input input--width-3"
            id="revision_days"
            name="revision_days"
            type="text"
            inputMode="numeric"
            defaultValue={values.revision_days ?? String(record.revisionDays)}
            disabled={disabled}
            aria-describedby={describedByOf('revision_days', 'hint', errors.revision_days)}
            aria-invalid={errors.revision_days ? true : undefined}
          />
        </div>
        {record.conclusions.length ? (
          <>
            <h3>{t('record.conclusions')}</h3>
            {record.conclusions.map((k) => {
              const rev = `revisions_${k.applicationId}`
              const lump = `lump_${k.applicationId}`
              return (
                <fieldset className="fieldset" key={k.applicationId}>
                  <legend className="fieldset__legend">
                    {k.reference ?? ''} — {k.title} ({t(k.recommended ? 'record.recommended' : 'record.notRecommended')})
                  </legend>
                  <div className="field">
                    <label className="label" htmlFor={rev}>
                      {t('record.revisions')}
                    </label>
                    <HintAndError name={rev} hint={t('record.revisions.hint')} error={errors[rev]} />
                    <textarea className="input textarea" id={rev} name={rev} rows={3} defaultValue={values[rev] ?? k.revisions} disabled={disabled} aria-describedby={describedByOf(rev, 'hint', errors[rev])} />
                  </div>
                  {select(lump, t('record.lumpSum'), values[lump] ?? k.lumpSum ?? '', [
                    { value: 'full', label: t('record.lumpSum.full') },
                    { value: 'partial', label: t('record.lumpSum.partial') },
                  ])}
                </fieldset>
              )
            })}
          </>
        ) : (
          <p className="hint">{t('record.conclusions.later')}</p>
        )}
        {record.editable ? (
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t('record.save')}
          </button>
        ) : null}
      </Form>
    </section>
  )
}

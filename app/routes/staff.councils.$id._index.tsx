import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from '@remix-run/react'
import { type ReactNode, useEffect, useRef } from 'react'
import { describedByOf } from '../components/form'
import { DataTable } from '../components/table'
import { Banner, Tag } from '../components/ui'
import { StatusTag } from '../components/workflow'
import type { MessageKey } from '../i18n'
import { formatDateTime, formatDay } from '../i18n/format'
import { readForm } from '../lib/forms.server'
import { uuidParam } from '../lib/params'
import { pageTitle, useLang, useMessage, useT } from '../lib/i18n'
import { authorizeUser, requestMeta } from '../modules/auth'
import { getCouncil, listAvailableApplications, type ReviewProblem } from '../modules/review'
import { councilIntent, type CouncilIntent } from '../modules/review/council-intents.server'
// The client bundle takes the role names from the browser-safe rules, never from the module's index.
import { COUNCIL_ROLES } from '../modules/review/rules'
import { councilName } from '../modules/review/names'

// One council as the Fund's office forms it. Several small forms on one page, each a plain POST with a
// hidden `intent` (and the row it is about, `key`), so the page works with JavaScript off; the action
// answers a wrong form with its errors tagged with that intent and key, and only that form shows them.

const ROUTE = 'routes/staff.councils.$id._index'

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, 'councils.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, ROUTE)
  const db = args.context.db
  const council = await getCouncil(db, uuidParam(args.params.id))
  if (!council) throw new Response('Not found', { status: 404 })
  const available = council.status === 'forming' ? await listAvailableApplications(db, council.call.id) : []
  return json({ council, available })
}

/** What a form that went wrong answers: which form, its errors (catalogue keys by field) and what was typed. */
interface FormAnswer {
  intent: string
  key: string
  errors: Record<string, string>
  values: Record<string, string>
  problems?: ReviewProblem[]
}

// Each form's work is its own function (modules/review/council-intents.server.ts); the action picks it by `intent`.
export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const councilId = uuidParam(args.params.id)
  const raw = await readForm(args.request)
  const run = councilIntent(raw.intent)
  if (!run) throw new Response('Unknown form', { status: 400 })
  const ctx = { db: args.context.db, councilId, actor: user, ip: args.context.clientIp, appUrl: args.context.env.APP_URL, lang: user.lang, meta: requestMeta(args) }
  const outcome = await run(ctx, raw)
  if (outcome.ok) return redirect(`/staff/councils/${councilId}?${new URLSearchParams({ notice: outcome.notice, ...outcome.params })}#${outcome.anchor}`)
  const values = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'intent'))
  return json<FormAnswer>({ intent: raw.intent, key: (raw.key ?? '').slice(0, 100), errors: outcome.errors, values, problems: outcome.problems }, { status: outcome.status })
}

// ——— The page ———

type Answer = FormAnswer | undefined

/** The errors of one form (by intent and row key), or none. */
function useFormErrors(intent: string, key = '') {
  const data = useActionData<typeof action>() as Answer
  return data && data.intent === intent && (data.key ?? '') === key ? data : null
}

function ErrorList({ answer, ids }: { answer: FormAnswer | null; ids: Record<string, string> }) {
  const t = useT()
  const message = useMessage()
  const ref = useRef<HTMLDivElement>(null)
  const keys = answer ? Object.keys(answer.errors) : []
  useEffect(() => {
    if (keys.length) ref.current?.focus()
  }, [keys.join('|')])
  if (!answer || !keys.length) return null
  return (
    <div className="error-summary" aria-labelledby={`${ids.form ?? 'form'}-summary`} role="alert" tabIndex={-1} ref={ref}>
      <h3 className="error-summary__title" id={`${ids.form ?? 'form'}-summary`}>
        {t('form.errorSummary')}
      </h3>
      <ul className="error-summary__list">
        {keys.map((k) => (
          <li key={k}>{ids[k] ? <a href={`#${ids[k]}`}>{message(answer.errors[k])}</a> : message(answer.errors[k])}</li>
        ))}
        {answer.problems?.map((p, i) => (
          <li key={`p${i}`}>{message(problemMessage(p))}</li>
        ))}
      </ul>
    </div>
  )
}

/** A review problem as a catalogue message with its parameters ("key?a=1"). */
function problemMessage(p: ReviewProblem) {
  const params = new URLSearchParams(Object.entries(p.params).map(([k, v]) => [k, String(v)]))
  return params.size ? `${p.code}?${params}` : p.code
}

/**
 * A text input of one of this page's forms: its width, what was typed back after an error (or `fallback`), and the
 * hint and error it is described by. Typed words, not checked for spelling (names, addresses), unless numeric.
 */
function TextInput(props: { answer: FormAnswer | null | undefined; id: string; name: string; width: 'half' | 'third'; type?: 'text' | 'email'; numeric?: boolean; hinted?: boolean; fallback?: string }) {
  const { answer, id, name } = props
  const error = answer?.errors[name]
  return (
    <input
      className={`input input--${props.width}${error ? ' input--error' : ''}`}
      id={id}
      name={name}
      type={props.type ?? 'text'}
      {...(props.numeric ? { inputMode: 'numeric' as const } : { spellCheck: false })}
      autoComplete="off"
      defaultValue={answer?.values[name] ?? props.fallback ?? ''}
      aria-describedby={describedByOf(id, props.hinted ? 'hint' : undefined, error)}
      aria-invalid={error ? true : undefined}
    />
  )
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  const t = useT()
  const message = useMessage()
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t('form.errorSummary')}: </span>
          {message(error)}
        </p>
      ) : null}
      {children}
    </div>
  )
}

function Hidden({ intent, k, extra }: { intent: CouncilIntent; k?: string; extra?: Record<string, string> }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      {k ? <input type="hidden" name="key" value={k} /> : null}
      {Object.entries(extra ?? {}).map(([n, v]) => (
        <input key={n} type="hidden" name={n} value={v} />
      ))}
    </>
  )
}

function Submit({ children, secondary, small, warning, label }: { children: ReactNode; secondary?: boolean; small?: boolean; warning?: boolean; label?: string }) {
  const busy = useNavigation().state === 'submitting'
  return (
    <button
      type="submit"
      className={`button${secondary ? ' button--secondary' : ''}${small ? ' button--small' : ''}${warning ? ' button--warning' : ''}`}
      disabled={busy}
      aria-label={label}
      data-prevent-double-click="true"
    >
      {children}
    </button>
  )
}

const NOTICES = [
  'created',
  'renamed',
  'member_added',
  'member_invited',
  'member_removed',
  'role_changed',
  'application_added',
  'application_removed',
  'flags_saved',
  'opponents_saved',
  'override_saved',
  'formed',
] as const

export default function Council() {
  const { council, available } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const message = useMessage()
  const [search] = useSearchParams()
  // A new key after each redirect: the forms start empty again once what was typed has been saved.
  const { key: pageKey } = useLocation()
  const notice = NOTICES.find((n) => n === search.get('notice'))
  const forming = council.status === 'forming'
  const nameOf = new Map(council.members.map((m) => [m.userId, m.fullName]))
  const refOf = (a: { reference: string | null; title: string }) => a.reference ?? a.title
  const roleLabel = (r: string) => t(`councils.role.${r}` as MessageKey)
  const due = council.reviewDueOn ? formatDay(council.reviewDueOn) : ''

  const renameErr = useFormErrors('rename')
  const addErr = useFormErrors('add_member')
  const inviteErr = useFormErrors('invite_member')
  const appErr = useFormErrors('add_application')
  const formErr = useFormErrors('form')
  const needed = council.rules.opponentsPerApplication
  const conflicts = council.matrix.filter((c) => c.detected.length > 0)

  return (
    <>
      <p>
        <Link to="/staff/councils">← {t('councils.back')}</Link>
      </p>
      {notice ? (
        <Banner kind="success">
          <p>
            {notice === 'formed'
              ? t('councils.notice.formed', {
                  moved: search.get('moved') ?? '0',
                  invited: search.get('invited') ?? '0',
                })
              : t(`councils.notice.${notice}` as MessageKey)}
          </p>
          {notice === 'formed' && Number(search.get('failed')) > 0 ? (
            <p>
              {t('councils.notice.formFailed', {
                count: search.get('failed') ?? '0',
              })}
            </p>
          ) : null}
        </Banner>
      ) : null}
      <p className="caption">
        {t('councils.caption', {
          call: `${council.call.code} – ${lang === 'en' && council.call.titleEn ? council.call.titleEn : council.call.titleVi}`,
        })}
      </p>
      <h1>{councilName(council, lang)}</h1>
      <p>
        <Tag tone={forming ? 'yellow' : 'green'}>{t(`councils.status.${council.status}`)}</Tag>
      </p>
      {/* Both names: mail reaches each expert in their own language. */}
      <details className="council-rename" id="name" open={renameErr ? true : undefined}>
        <summary>{t('councils.rename.title')}</summary>
        <Form method="post" noValidate className="council-form" aria-label={t('councils.rename.title')} key={`rename-${pageKey}`}>
          <ErrorList answer={renameErr} ids={{ nameVi: 'rename-vi', nameEn: 'rename-en', form: 'rename' }} />
          <Hidden intent="rename" />
          <Field id="rename-vi" label={t('councils.field.nameVi')} error={renameErr?.errors.nameVi}>
            <TextInput answer={renameErr} id="rename-vi" name="nameVi" width="half" fallback={council.nameVi} />
          </Field>
          <Field id="rename-en" label={t('councils.field.nameEn')} error={renameErr?.errors.nameEn}>
            <TextInput answer={renameErr} id="rename-en" name="nameEn" width="half" fallback={council.nameEn} />
          </Field>
          <Submit secondary>{t('councils.rename.submit')}</Submit>
        </Form>
      </details>
      {!forming ? (
        <div className="inset">
          <p>{t('councils.formed.banner', { due })}</p>
          {council.meetingAt ? (
            <p>
              {t('councils.meeting', {
                when: formatDateTime(council.meetingAt, lang),
                where: council.location ? ` – ${council.location}` : '',
              })}
            </p>
          ) : null}
          <p>
            <Link to={`/staff/councils/${council.id}/meeting`}>{t('reviewing.meeting.title')}</Link>
          </p>
        </div>
      ) : null}

      {/* ——— Members ——— */}
      <section aria-labelledby="members-title" id="members">
        <h2 id="members-title">{t('councils.members.title')}</h2>
        {council.problems.length ? (
          <div className="result council-problems" role="status">
            <h3 className="result__title">{t('councils.problems.title')}</h3>
            <ul className="list-bullet">
              {council.problems.map((p, i) => (
                <li key={i}>{message(problemMessage(p))}</li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="council-ok">
            <Tag tone="green">{t('councils.problems.none')}</Tag>
          </p>
        )}
        <DataTable
          caption={t('councils.members.title')}
          scrollLabel={t('councils.members.title')}
          columns={[
            { label: t('councils.members.col.name') },
            { label: t('councils.members.col.email') },
            { label: t('councils.members.col.role') },
            ...(forming ? [{ label: t('councils.members.col.actions'), hidden: true }] : []),
          ]}
          rows={council.members.map((m) => (
            <MemberRow key={m.userId} member={m} forming={forming} roleLabel={roleLabel} />
          ))}
        />
        {forming ? (
          <div className="council-forms">
            <Form method="post" noValidate className="council-form" aria-labelledby="add-member-title" key={`add-${pageKey}`}>
              <h3 id="add-member-title">{t('councils.members.add.title')}</h3>
              <ErrorList
                answer={addErr}
                ids={{
                  email: 'add-email',
                  role: 'add-role',
                  form: 'add-member',
                }}
              />
              <Hidden intent="add_member" />
              <Field id="add-email" label={t('councils.members.add.email')} hint={t('councils.members.add.email.hint')} error={addErr?.errors.email}>
                <TextInput answer={addErr} id="add-email" name="email" width="half" type="email" hinted />
              </Field>
              <Field id="add-role" label={t('councils.members.add.role')} error={addErr?.errors.role}>
                <RoleSelect id="add-role" name="role" value={addErr?.values.role ?? 'member'} roleLabel={roleLabel} invalid={!!addErr?.errors.role} />
              </Field>
              <Submit>{t('councils.members.add.submit')}</Submit>
            </Form>
            <Form method="post" noValidate className="council-form" aria-labelledby="invite-title" key={`invite-${pageKey}`}>
              <h3 id="invite-title">{t('councils.members.invite.title')}</h3>
              <p className="hint">{t('councils.members.invite.lead')}</p>
              <ErrorList
                answer={inviteErr}
                ids={{
                  fullName: 'invite-name',
                  inviteEmail: 'invite-email',
                  inviteRole: 'invite-role',
                  lang: 'invite-lang',
                  form: 'invite',
                }}
              />
              <Hidden intent="invite_member" />
              <Field id="invite-name" label={t('councils.members.invite.name')} error={inviteErr?.errors.fullName}>
                <TextInput answer={inviteErr} id="invite-name" name="fullName" width="half" />
              </Field>
              <Field id="invite-email" label={t('councils.members.invite.email')} error={inviteErr?.errors.inviteEmail}>
                <TextInput answer={inviteErr} id="invite-email" name="inviteEmail" width="half" type="email" />
              </Field>
              <Field id="invite-role" label={t('councils.members.add.role')} error={inviteErr?.errors.inviteRole}>
                <RoleSelect id="invite-role" name="inviteRole" value={inviteErr?.values.inviteRole ?? 'member'} roleLabel={roleLabel} invalid={!!inviteErr?.errors.inviteRole} />
              </Field>
              <Field id="invite-lang" label={t('councils.members.invite.lang')} error={inviteErr?.errors.lang}>
                <select className="input" id="invite-lang" name="lang" defaultValue={inviteErr?.values.lang ?? 'vi'}>
                  <option value="vi">{t('lang.vi')}</option>
                  <option value="en">{t('lang.en')}</option>
                </select>
              </Field>
              <Submit secondary>{t('councils.members.invite.submit')}</Submit>
            </Form>
          </div>
        ) : null}
      </section>

      {/* ——— Applications ——— */}
      <section aria-labelledby="applications-title" id="applications">
        <h2 id="applications-title">{t('councils.apps.title')}</h2>
        <DataTable
          caption={t('councils.apps.title')}
          scrollLabel={t('councils.apps.title')}
          columns={[
            { label: t('councils.apps.col.reference') },
            { label: t('councils.apps.col.title') },
            { label: t('councils.apps.col.organisation') },
            { label: t('councils.apps.col.status') },
            { label: t('councils.apps.col.flags') },
          ]}
          rows={council.applications.map((a) => (
            <ApplicationRow key={a.applicationId} app={a} forming={forming} />
          ))}
        />
        {forming ? (
          <Form method="post" noValidate className="council-form" aria-labelledby="add-app-title" key={`app-${pageKey}`}>
            <h3 id="add-app-title">{t('councils.apps.add.title')}</h3>
            <ErrorList answer={appErr} ids={{ applicationId: 'add-application', form: 'add-app' }} />
            {available.length === 0 ? (
              <p>{t('councils.apps.add.none')}</p>
            ) : (
              <>
                <Hidden intent="add_application" />
                <Field id="add-application" label={t('councils.apps.add.field')} error={appErr?.errors.applicationId}>
                  <select
                    className={`input${appErr?.errors.applicationId ? ' input--error' : ''}`}
                    id="add-application"
                    name="applicationId"
                    defaultValue={appErr?.values.applicationId ?? ''}
                    aria-invalid={appErr?.errors.applicationId ? true : undefined}
                    aria-describedby={describedByOf('add-application', undefined, appErr?.errors.applicationId)}
                  >
                    <option value="">{t('councils.apps.add.empty')}</option>
                    {available.map((a) => (
                      <option key={a.id} value={a.id}>
                        {`${a.reference ?? ''} – ${a.title} (${a.organisation})`}
                      </option>
                    ))}
                  </select>
                </Field>
                <Submit secondary>{t('councils.apps.add.submit')}</Submit>
              </>
            )}
          </Form>
        ) : null}
      </section>

      {/* ——— Opponents ——— */}
      <section aria-labelledby="opponents-title" id="opponents">
        <h2 id="opponents-title">{t('councils.opponents.title')}</h2>
        <p>{t('councils.opponents.lead', { count: needed })}</p>
        {council.applications.length === 0 ? <p>{t('table.empty')}</p> : null}
        <div className="opponents">
          {council.applications.map((a) => (
            <OpponentsForm key={a.applicationId} app={a} members={council.members} needed={needed} forming={forming} nameOf={nameOf} refOf={refOf} />
          ))}
        </div>
      </section>

      {/* ——— Conflicts of interest ——— */}
      <section aria-labelledby="conflicts-title" id="conflicts">
        <h2 id="conflicts-title">{t('councils.conflicts.title')}</h2>
        <p>{t('councils.conflicts.lead')}</p>
        {council.applications.length && council.members.length ? (
          <div className="table-wrap" role="region" aria-label={t('councils.conflicts.caption')} tabIndex={0}>
            <table className="table conflict-matrix">
              <caption className="visually-hidden">{t('councils.conflicts.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('councils.members.col.name')}</th>
                  {council.applications.map((a) => (
                    <th scope="col" key={a.applicationId}>
                      {refOf(a)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {council.members.map((m) => (
                  <tr key={m.userId}>
                    <th scope="row">{m.fullName}</th>
                    {council.applications.map((a) => {
                      const cell = council.matrix.find((c) => c.applicationId === a.applicationId && c.reviewerId === m.userId)!
                      return (
                        <td key={a.applicationId}>
                          {cell.opponent ? (
                            <>
                              <Tag tone="blue">{t('councils.opponent')}</Tag>
                              <br />
                            </>
                          ) : null}
                          {cell.detected.length ? (
                            <Tag tone={cell.overrideReason ? 'grey' : 'red'}>{t('councils.conflicts.title')}</Tag>
                          ) : (
                            <span className="hint">{t('councils.conflicts.none')}</span>
                          )}
                          {cell.assignmentId ? (
                            <div className="hint conflict-declaration">
                              {t('councils.declaration.label')}:{' '}
                              {cell.declaration === 'declared'
                                ? t('councils.declaration.declared', {
                                    reason: cell.declaredReason ?? '',
                                  })
                                : t(`councils.declaration.${cell.declaration}`)}
                            </div>
                          ) : null}
                        </td>
                      )
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {conflicts.length ? (
          <ul className="conflict-list">
            {conflicts.map((c) => {
              const app = council.applications.find((a) => a.applicationId === c.applicationId)!
              return (
                <li key={`${c.applicationId}:${c.reviewerId}`} className="conflict" id={`conflict-${c.applicationId}-${c.reviewerId}`}>
                  <h3 className="conflict__title">
                    {nameOf.get(c.reviewerId)} · {refOf(app)}
                  </h3>
                  <ul className="list-bullet">
                    {c.detected.map((d, i) => (
                      <li key={i}>
                        {t(`councils.conflicts.kind.${d.kind}` as MessageKey, {
                          detail: d.detail,
                        })}
                      </li>
                    ))}
                  </ul>
                  {c.overrideReason ? (
                    <p>
                      <Tag tone="grey">
                        {t('councils.conflicts.overridden', {
                          name: c.overriddenBy ?? '',
                          time: c.overriddenAt ? formatDateTime(c.overriddenAt, lang) : '',
                          reason: c.overrideReason,
                        })}
                      </Tag>
                    </p>
                  ) : c.assignmentId ? (
                    <OverrideForm assignmentId={c.assignmentId} />
                  ) : (
                    <p className="hint">{t('councils.conflicts.override.later')}</p>
                  )}
                </li>
              )
            })}
          </ul>
        ) : null}
      </section>

      {/* ——— Formation (again only while an application still waits to go to review) ——— */}
      {forming || council.applications.some((a) => a.status === 'eligible') ? (
        <section aria-labelledby="form-title" id="form">
          <h2 id="form-title">{forming ? t('councils.form.title') : t('councils.form.again')}</h2>
          <p>{t('councils.form.lead')}</p>
          {council.formProblems.length ? (
            <div className="inset">
              <p>{t('councils.form.blocked')}</p>
              <ul className="list-bullet">
                {council.formProblems.map((p, i) => (
                  <li key={i}>{message(problemMessage(p))}</li>
                ))}
              </ul>
            </div>
          ) : (
            <Form method="post" noValidate className="council-form" aria-labelledby="form-title">
              <ErrorList
                answer={formErr}
                ids={{
                  reviewDueOn: 'form-due',
                  meetingDate: 'form-meeting-date',
                  form: 'form-council',
                }}
              />
              <Hidden intent="form" />
              <Field id="form-due" label={t('councils.form.due')} hint={t('councils.form.due.hint')} error={formErr?.errors.reviewDueOn}>
                <TextInput answer={formErr} id="form-due" name="reviewDueOn" width="third" numeric hinted fallback={due} />
              </Field>
              <Field id="form-meeting-date" label={t('councils.form.meetingDate')} hint={t('councils.form.due.hint')} error={formErr?.errors.meetingDate}>
                <TextInput answer={formErr} id="form-meeting-date" name="meetingDate" width="third" numeric hinted />
              </Field>
              <Field id="form-meeting-time" label={t('councils.form.meetingTime')} hint={t('councils.form.meetingTime.hint')}>
                <input
                  className="input input--third"
                  id="form-meeting-time"
                  name="meetingTime"
                  type="text"
                  autoComplete="off"
                  defaultValue={formErr?.values.meetingTime ?? ''}
                  aria-describedby="form-meeting-time-hint"
                />
              </Field>
              <Field id="form-location" label={t('councils.form.location')}>
                <input className="input" id="form-location" name="location" type="text" autoComplete="off" defaultValue={formErr?.values.location ?? council.location} />
              </Field>
              <Submit>{forming ? t('councils.form.submit') : t('councils.form.again')}</Submit>
            </Form>
          )}
        </section>
      ) : null}
    </>
  )
}

function RoleSelect({ id, name, value, roleLabel, invalid }: { id: string; name: string; value: string; roleLabel: (r: string) => string; invalid?: boolean }) {
  return (
    <select className={`input${invalid ? ' input--error' : ''}`} id={id} name={name} defaultValue={value} aria-invalid={invalid ? true : undefined}>
      {COUNCIL_ROLES.map((r) => (
        <option key={r} value={r}>
          {roleLabel(r)}
        </option>
      ))}
    </select>
  )
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type MemberData = LoaderData['council']['members'][number]
type AppData = LoaderData['council']['applications'][number]

function MemberRow({ member: m, forming, roleLabel }: { member: MemberData; forming: boolean; roleLabel: (r: string) => string }) {
  const t = useT()
  const message = useMessage()
  const roleErr = useFormErrors('set_role', m.userId)
  const removeErr = useFormErrors('remove_member', m.userId)
  const id = `role-${m.userId}`
  const error = roleErr?.errors.role ?? roleErr?.errors.form ?? removeErr?.errors.form ?? removeErr?.errors.userId
  return (
    <tr>
      <td>
        {m.fullName}
        {m.accountStatus === 'invited' ? (
          <>
            {' '}
            <Tag tone="yellow">{t('councils.members.invited')}</Tag>
          </>
        ) : null}
      </td>
      <td>{m.email}</td>
      <td>
        {forming ? (
          <Form method="post" noValidate className="row-form">
            <Hidden intent="set_role" k={m.userId} extra={{ userId: m.userId }} />
            <label className="visually-hidden" htmlFor={id}>
              {t('councils.members.role.label', { name: m.fullName })}
            </label>
            {error ? (
              <p className="error-message" id={`${id}-error`} role="alert">
                {message(error)}
              </p>
            ) : null}
            <RoleSelect id={id} name="role" value={m.role} roleLabel={roleLabel} invalid={!!error} />{' '}
            <Submit secondary small label={`${t('councils.members.role.save')}: ${m.fullName}`}>
              {t('councils.members.role.save')}
            </Submit>
          </Form>
        ) : (
          roleLabel(m.role)
        )}
      </td>
      {forming ? (
        <td>
          <Form method="post" noValidate className="row-form">
            <Hidden intent="remove_member" k={m.userId} extra={{ userId: m.userId }} />
            <Submit warning small label={t('councils.members.remove', { name: m.fullName })}>
              {t('councils.members.removeShort')}
            </Submit>
          </Form>
        </td>
      ) : null}
    </tr>
  )
}

function ApplicationRow({ app: a, forming }: { app: AppData; forming: boolean }) {
  const t = useT()
  const message = useMessage()
  const flagsErr = useFormErrors('flags', a.applicationId)
  const removeErr = useFormErrors('remove_application', a.applicationId)
  const error = flagsErr?.errors.form ?? removeErr?.errors.form
  const ref = a.reference ?? a.title
  return (
    <tr>
      <td>
        <Link to={`/staff/applications/${a.applicationId}`}>{ref}</Link>
      </td>
      <td>{a.title}</td>
      <td>{a.organisation}</td>
      <td>
        <StatusTag status={a.status} />
      </td>
      <td>
        {error ? (
          <p className="error-message" role="alert">
            {message(error)}
          </p>
        ) : null}
        <Form method="post" noValidate className="row-form flags-form">
          <Hidden intent="flags" k={a.applicationId} extra={{ applicationId: a.applicationId }} />
          <div className="radios__item">
            <input className="radios__input" type="checkbox" id={`lead-${a.applicationId}`} name="leadProposed" value="on" defaultChecked={a.leadProposed} />
            <label className="radios__label" htmlFor={`lead-${a.applicationId}`}>
              {t('councils.apps.leadProposed')}
            </label>
          </div>
          <div className="radios__item">
            <input className="radios__input" type="checkbox" id={`prior-${a.applicationId}`} name="priorExcellent" value="on" defaultChecked={a.priorExcellent} />
            <label className="radios__label" htmlFor={`prior-${a.applicationId}`}>
              {t('councils.apps.priorExcellent')}
            </label>
          </div>
          <Submit secondary small label={`${t('councils.apps.flags.save')}: ${ref}`}>
            {t('councils.apps.flags.save')}
          </Submit>
        </Form>
        {forming ? (
          <Form method="post" noValidate className="row-form">
            <Hidden intent="remove_application" k={a.applicationId} extra={{ applicationId: a.applicationId }} />
            <Submit warning small label={`${t('councils.apps.remove')}: ${ref}`}>
              {t('councils.apps.remove')}
            </Submit>
          </Form>
        ) : null}
      </td>
    </tr>
  )
}

function OpponentsForm({
  app: a,
  members,
  needed,
  forming,
  nameOf,
  refOf,
}: {
  app: AppData
  members: MemberData[]
  needed: number
  forming: boolean
  nameOf: Map<string, string>
  refOf: (a: AppData) => string
}) {
  const t = useT()
  const message = useMessage()
  const err = useFormErrors('opponents', a.applicationId)
  const ref = refOf(a)
  const error = err?.errors.opponents ?? err?.errors.form
  if (!forming) {
    return (
      <p>
        <strong>{ref}</strong>: {a.opponentIds.map((id) => nameOf.get(id) ?? id).join(', ') || t('councils.opponents.none')}
      </p>
    )
  }
  const slots = Array.from({ length: needed }, (_, i) => i)
  const errorId = `opponents-${a.applicationId}-error`
  return (
    <Form method="post" noValidate className="council-form opponents-form" aria-label={t('councils.opponents.save', { reference: ref })}>
      <Hidden intent="opponents" k={a.applicationId} extra={{ applicationId: a.applicationId }} />
      <h3 className="opponents-form__title">
        <Link to={`/staff/applications/${a.applicationId}`}>{ref}</Link> · {a.title}
      </h3>
      {error ? (
        <p className="error-message" id={errorId} role="alert">
          {message(error)}
        </p>
      ) : a.opponentProblems.length ? (
        <ul className="hint list-bullet">
          {a.opponentProblems.map((p, i) => (
            <li key={i}>{message(problemMessage(p))}</li>
          ))}
        </ul>
      ) : null}
      <div className="opponents-form__row">
        {slots.map((i) => {
          const id = `opponent-${a.applicationId}-${i + 1}`
          return (
            <div className="form-group" key={i}>
              <label className="label" htmlFor={id}>
                {t('councils.opponents.nth', { n: i + 1, reference: ref })}
              </label>
              <select
                className={`input${error ? ' input--error' : ''}`}
                id={id}
                name={`opponent${i + 1}`}
                defaultValue={err?.values[`opponent${i + 1}`] ?? a.opponentIds[i] ?? ''}
                aria-describedby={error ? errorId : undefined}
              >
                <option value="">{t('councils.opponents.empty')}</option>
                {members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.fullName}
                  </option>
                ))}
              </select>
            </div>
          )
        })}
        <Submit secondary label={t('councils.opponents.save', { reference: ref })}>
          {t('councils.apps.flags.save')}
        </Submit>
      </div>
    </Form>
  )
}

function OverrideForm({ assignmentId }: { assignmentId: string }) {
  const t = useT()
  const err = useFormErrors('override', assignmentId)
  const id = `override-${assignmentId}`
  const error = err?.errors.reason ?? err?.errors.form
  return (
    <Form method="post" noValidate className="council-form">
      <Hidden intent="override" k={assignmentId} extra={{ assignmentId }} />
      <Field id={id} label={t('councils.conflicts.override.reason')} error={error}>
        <textarea
          className={`input textarea${error ? ' input--error' : ''}`}
          id={id}
          name="reason"
          rows={2}
          defaultValue={err?.values.reason ?? ''}
          aria-describedby={describedByOf(id, undefined, error)}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      <Submit secondary>{t('councils.conflicts.override.submit')}</Submit>
    </Form>
  )
}

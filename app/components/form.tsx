import { Form, useActionData, useNavigation } from '@remix-run/react'
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import type { FieldValues, Resolver } from 'react-hook-form'
import { useRemixForm } from 'remix-hook-form'
import type { z } from 'zod'
import type { FieldErrors, FormErrorData } from '../lib/forms.server'
import { useMessage, useT } from '../lib/i18n'
import { isChecked } from '../lib/checkbox'

// GOV.UK form patterns on react-hook-form: the same zod schema validates in the browser (when JavaScript
// runs) and in the action (always). Errors show in a summary at the top and beside each field.
//
// A page may give its schema as a loader (`() => import('…schemas').then((m) => m.x)`): zod and the schema then
// load just after the page is interactive, not before (ADR 013: applicants' pages ≤ 150 KB of JavaScript), and
// a submit waits for them if they are not there yet.

/** A zod schema, or a function that loads one. */
export type SchemaSource<S extends z.ZodType<any, any>> = S | (() => Promise<S>)

/**
 * The react-hook-form resolver of a schema, zod's adapter loaded on demand. `raw`: the browser validates with the
 * schema but sends what was typed, exactly as a form without JavaScript does; the server parses it with the same
 * schema. (Sending the parsed values instead broke every schema that transforms: a day typed 15/03/2027 went out
 * as 2027-03-15, which the server's schema then refused.)
 */
function lazyResolver<S extends z.ZodType<any, any>>(source: SchemaSource<S>) {
  let loading: Promise<Resolver<FieldValues>> | null = null
  const load = () =>
    (loading ??= Promise.all([typeof source === 'function' ? (source as () => Promise<S>)() : source, import('@hookform/resolvers/zod')]).then(
      ([schema, m]) => m.zodResolver(schema as any, undefined, { raw: true }) as Resolver<FieldValues>,
    ))
  const resolver: Resolver<FieldValues> = async (values, context, options) => (await load())(values, context, options)
  return { resolver, load }
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}

/**
 * One form's state. Before hydration (or with JavaScript off) the errors and values are those the action
 * answered with; afterwards react-hook-form owns them and re-validates as the user types.
 */
export function usePortalForm<S extends z.ZodType<any, any>>(schema: SchemaSource<S>, defaultValues?: Record<string, string>) {
  const actionData = useActionData<FormErrorData | undefined>()
  // One resolver per schema: a page gives a schema or a loader that stays the same between renders (module level
  // or memoised), and a new one when the form changes (another section on the same route).
  const validation = useMemo(() => lazyResolver(schema), [schema])
  useEffect(() => void validation.load().catch(() => {}), [validation]) // fetch it once the page is interactive
  const methods = useRemixForm<FieldValues>({
    resolver: validation.resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    defaultValues: { ...defaultValues, ...(actionData?.defaultValues ?? {}) },
    stringifyAllValues: false,
    submitConfig: { method: 'post' },
  })
  const hydrated = useHydrated()
  const errors: FieldErrors = hydrated
    ? Object.fromEntries(
        Object.entries(methods.formState.errors).map(([k, e]) => [k, { type: String(e?.type ?? ''), message: String(e?.message ?? '') }]),
      )
    : (actionData?.errors ?? {})
  const navigation = useNavigation()
  return { ...methods, errors, busy: navigation.state === 'submitting' || methods.formState.isSubmitting }
}

export type PortalForm = ReturnType<typeof usePortalForm>

/** A POST form that works with JavaScript off and validates in the browser when it is on. */
export function PortalFormTag({ form, children, action, id }: { form: PortalForm; children: ReactNode; action?: string; id?: string }) {
  return (
    <Form method="post" action={action} noValidate onSubmit={form.handleSubmit} id={id}>
      {children}
    </Form>
  )
}

/** The error summary: a heading and a link to each field in error; takes focus when it appears. */
export function ErrorSummary({ errors, order }: { errors: FieldErrors; order?: string[] }) {
  const t = useT()
  const message = useMessage()
  const ref = useRef<HTMLDivElement>(null)
  const keys = Object.keys(errors).sort((a, b) => (order ? order.indexOf(a) - order.indexOf(b) : 0))
  useEffect(() => {
    if (keys.length) ref.current?.focus()
  }, [keys.join('|')])
  if (!keys.length) return null
  return (
    <div className="error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="error-summary__title" id="error-summary-title">
        {t('form.errorSummary')}
      </h2>
      <ul className="error-summary__list">
        {keys.map((key) => (
          <li key={key}>
            {key === 'form' ? message(errors[key].message) : <a href={`#${key}`}>{message(errors[key].message)}</a>}
          </li>
        ))}
      </ul>
    </div>
  )
}

export function describedByOf(name: string, hint?: string, error?: unknown) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined
}

/** A field's hint and its inline error, with the ids the input's aria-describedby points at. */
export function HintAndError({ name, hint, error }: { name: string; hint?: string; error?: { message: string } }) {
  const t = useT()
  const message = useMessage()
  return (
    <>
      {hint ? (
        <div className="hint" id={`${name}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="error-message" id={`${name}-error`}>
          <span className="visually-hidden">{t('form.errorSummary')}: </span>
          {message(error.message)}
        </p>
      ) : null}
    </>
  )
}

/** A field's group: its label (with "(optional)"), hint and inline error, then the control. */
function FieldGroup({ name, label, hint, optional, error, children }: { name: string; label: string; hint?: string; optional?: boolean; error?: { message: string }; children: ReactNode }) {
  const t = useT()
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={name}>
        {label}
        {optional ? <span className="label__optional"> {t('form.optional')}</span> : null}
      </label>
      <HintAndError name={name} hint={hint} error={error} />
      {children}
    </div>
  )
}

interface FieldProps {
  form: PortalForm
  name: string
  label: string
  hint?: string
  type?: 'text' | 'email' | 'password' | 'search' | 'tel'
  autoComplete?: string
  optional?: boolean
  width?: 'full' | 'half' | 'third'
  spellCheck?: boolean
}

export function TextField({ form, name, label, hint, type = 'text', autoComplete, optional, width = 'full', spellCheck }: FieldProps) {
  const error = form.errors[name]
  return (
    <FieldGroup name={name} label={label} hint={hint} optional={optional} error={error}>
      <input
        className={`input input--${width}${error ? ' input--error' : ''}`}
        id={name}
        type={type}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={describedByOf(name, hint, error)}
        aria-invalid={error ? true : undefined}
        {...form.register(name)}
      />
    </FieldGroup>
  )
}

/**
 * A file input of a multipart form the server reads itself (a certificate, a PDF to check, an image), outside
 * react-hook-form: its label, hint and inline error, described as the other fields are.
 */
export function FileField({ name, id = name, label, hint, error, accept }: { name: string; id?: string; label: string; hint?: string; error?: { message: string }; accept: string }) {
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <HintAndError name={id} hint={hint} error={error} />
      <input className="file-upload" id={id} name={name} type="file" accept={accept} aria-describedby={describedByOf(id, hint, error)} aria-invalid={error ? true : undefined} />
    </div>
  )
}

export function HiddenField({ form, name }: { form: PortalForm; name: string }) {
  return <input type="hidden" {...form.register(name)} />
}

export function RadioGroup({
  form,
  name,
  legend,
  hint,
  options,
}: {
  form: PortalForm
  name: string
  legend: string
  hint?: string
  options: { value: string; label: string; hint?: string }[]
}) {
  const error = form.errors[name]
  const describedBy = describedByOf(name, hint, error)
  const current = form.watch(name) ?? form.formState.defaultValues?.[name]
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset className="fieldset" aria-describedby={describedBy}>
        <legend className="fieldset__legend">{legend}</legend>
        <HintAndError name={name} hint={hint} error={error} />
        <div className="radios">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${o.value}`
            // Radios take their checked state, not a default value, from what was sent.
            const { defaultValue: _v, defaultChecked: _c, ...reg } = form.register(name) as ReturnType<PortalForm['register']> & {
              defaultValue?: string
              defaultChecked?: boolean
            }
            return (
              <div className="radios__item" key={o.value}>
                <input className="radios__input" id={id} type="radio" value={o.value} {...reg} defaultChecked={current === o.value} />
                <label className="radios__label" htmlFor={id}>
                  {o.label}
                </label>
                {o.hint ? <div className="hint radios__hint">{o.hint}</div> : null}
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}

export function SubmitButton({ form, children, secondary }: { form?: PortalForm; children: ReactNode; secondary?: boolean }) {
  return (
    <button type="submit" className={`button${secondary ? ' button--secondary' : ''}`} disabled={form?.busy} data-prevent-double-click="true">
      {children}
    </button>
  )
}

export function TextAreaField({ form, name, label, hint, optional, rows = 4 }: { form: PortalForm; name: string; label: string; hint?: string; optional?: boolean; rows?: number }) {
  const error = form.errors[name]
  return (
    <FieldGroup name={name} label={label} hint={hint} optional={optional} error={error}>
      <textarea
        className={`input textarea${error ? ' input--error' : ''}`}
        id={name}
        rows={rows}
        aria-describedby={describedByOf(name, hint, error)}
        aria-invalid={error ? true : undefined}
        {...form.register(name)}
      />
    </FieldGroup>
  )
}

type Option = { value: string; label: string }

/** A select with an empty first choice; options may come in labelled groups (<optgroup>). */
export function SelectField({
  form,
  name,
  label,
  hint,
  options,
  groups,
  empty,
  autoComplete,
}: {
  form: PortalForm
  name: string
  label: string
  hint?: string
  options?: Option[]
  groups?: { label: string; options: Option[] }[]
  empty: string
  autoComplete?: string
}) {
  const error = form.errors[name]
  const render = (list: Option[]) =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ))
  return (
    <FieldGroup name={name} label={label} hint={hint} error={error}>
      <select
        className={`input${error ? ' input--error' : ''}`}
        id={name}
        autoComplete={autoComplete}
        aria-describedby={describedByOf(name, hint, error)}
        aria-invalid={error ? true : undefined}
        {...form.register(name)}
      >
        <option value="">{empty}</option>
        {options ? render(options) : null}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {render(g.options)}
          </optgroup>
        ))}
      </select>
    </FieldGroup>
  )
}

/** The checked state a box starts with: from the values posted back, or the defaults. */
function useStartsChecked(form: PortalForm) {
  const defaults = (form.formState.defaultValues ?? {}) as Record<string, unknown>
  return (name: string) => isChecked(defaults[name])
}

export function Checkbox({ form, name, label, describedBy }: { form: PortalForm; name: string; label: string; describedBy?: string }) {
  const startsChecked = useStartsChecked(form)
  const { defaultValue: _v, defaultChecked: _c, ...reg } = form.register(name) as ReturnType<PortalForm['register']> & { defaultValue?: string; defaultChecked?: boolean }
  return (
    <div className="radios__item">
      <input className="radios__input" id={name} type="checkbox" value="on" aria-describedby={describedBy} {...reg} defaultChecked={startsChecked(name)} />
      <label className="radios__label" htmlFor={name}>
        {label}
      </label>
    </div>
  )
}

/**
 * A group of checkboxes, each its own field. The group's error is under `errorName`: either the first box's
 * name (the error summary's link lands on that box) or a name of its own (e.g. "sections": the link lands on
 * the group, which then carries that id).
 */
export function CheckboxGroup({ form, legend, hint, boxes, errorName }: { form: PortalForm; legend: string; hint?: string; boxes: { name: string; label: string }[]; errorName: string }) {
  const error = form.errors[errorName]
  const ownName = !boxes.some((b) => b.name === errorName)
  const groupId = ownName ? errorName : `${errorName}-group`
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset className="fieldset" id={ownName ? errorName : undefined} tabIndex={ownName ? -1 : undefined} aria-describedby={describedByOf(groupId, hint, error)}>
        <legend className="fieldset__legend">{legend}</legend>
        <HintAndError name={groupId} hint={hint} error={error} />
        <div className="checkboxes">
          {boxes.map((b) => (
            <Checkbox key={b.name} form={form} name={b.name} label={b.label} />
          ))}
        </div>
      </fieldset>
    </div>
  )
}

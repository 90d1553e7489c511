import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { FormErrorData } from '../lib/forms.server'
import { ErrorSummary } from './form'
import { SummaryList } from './ui'

/**
 * The step before an act that cannot be undone (submitting a ballot, concluding a council, issuing a numbered
 * document): what will happen, the facts it will be done with, a warning, and one button that posts
 * `confirmed=yes` with the facts' version — the action does nothing without them — beside a link back. Plain
 * HTML: it works without JavaScript. Every word comes from the page (this component names no message of its own).
 */
export function ConfirmPage(props: {
  caption?: string
  title: string
  /** What will happen, in one or two sentences. */
  lead: string
  facts: [label: string, value: ReactNode][]
  /** More to check: a table of scores, a preview link. */
  children?: ReactNode
  /** That it cannot be undone, and what is left to do if it was a mistake. */
  warning: string
  /** Posted with the confirmation: what it was given on (a version, a digest, a kind). */
  fields?: Record<string, string>
  confirm: string
  back: { href: string; label: string }
}) {
  const actionData = useActionData<FormErrorData | undefined>()
  const busy = useNavigation().state === 'submitting'
  return (
    <div className="confirm">
      <ErrorSummary errors={actionData?.errors ?? {}} order={['form']} />
      {props.caption ? <p className="caption">{props.caption}</p> : null}
      <h1>{props.title}</h1>
      <p>{props.lead}</p>
      <SummaryList rows={props.facts} />
      {props.children}
      <p className="warning-text">{props.warning}</p>
      <Form method="post">
        <input type="hidden" name="confirmed" value="yes" />
        {Object.entries(props.fields ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="actions">
          <button type="submit" className="button" disabled={busy} data-prevent-double-click="true">
            {props.confirm}
          </button>
          <Link to={props.back.href}>{props.back.label}</Link>
        </div>
      </Form>
    </div>
  )
}

/** Whether a posted form carries the confirmation of a ConfirmPage. */
export const isConfirmed = (form: Record<string, string>) => form.confirmed === 'yes'

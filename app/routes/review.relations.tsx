import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary, HiddenField, PortalFormTag, RadioGroup, SubmitButton, TextAreaField, TextField, usePortalForm } from '../components/form'
import { DataTable } from '../components/table'
import { Banner } from '../components/ui'
import { formError, readForm, fieldErrors } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'
import { formatTaxCode, isValidTaxCode } from '../modules/organisations/identifiers'
import { addRelation, listRelations, removeRelation } from '../modules/review'

// A reviewer declares the organisations they work for or own (by tax code) and the people they are related
// to; the portal finds conflicts of interest with the applications assigned to them from these.

const ROUTE = 'routes/review.relations'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'councils.relations.title')

/** Checks only: the module stores the tax code as digits and the name NFC-trimmed. */
const relationSchema = z
  .looseObject({
    kind: z.enum(['tax_code', 'person'], 'councils.relations.v.kind'),
    taxCode: z.string().optional(),
    personName: z.string().optional(),
    note: z.string().max(500, 'councils.relations.v.note').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'tax_code' && !isValidTaxCode(v.taxCode ?? '')) ctx.addIssue({ code: 'custom', path: ['taxCode'], message: 'councils.relations.v.taxCode' })
    const name = (v.personName ?? '').trim()
    if (v.kind === 'person' && (name.length < 2 || name.length > 120)) ctx.addIssue({ code: 'custom', path: ['personName'], message: 'councils.relations.v.personName' })
  })

export async function loader(args: LoaderFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const relations = await listRelations(args.context.db, user.id)
  return json({ relations: relations.map((r) => ({ ...r, taxCode: r.taxCode ? formatTaxCode(r.taxCode) : null })) })
}

export async function action(args: ActionFunctionArgs) {
  const user = await authorizeUser(args, ROUTE)
  const db = args.context.db
  const raw = await readForm(args.request)
  if (raw.intent === 'remove') {
    const id = Number(raw.relationId)
    if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw new Response('Not found', { status: 404 })
    const removed = await removeRelation(db, { userId: user.id, relationId: id, actor: user, ip: args.context.clientIp })
    if (!removed) throw new Response('Not found', { status: 404 })
    return redirect('/review/relations?notice=removed')
  }
  const parsed = relationSchema.safeParse(raw)
  if (!parsed.success) {
    return formError(fieldErrors(parsed.error), raw)
  }
  const relation =
    parsed.data.kind === 'tax_code' ? { kind: 'tax_code' as const, taxCode: raw.taxCode, note: raw.note } : { kind: 'person' as const, personName: raw.personName, note: raw.note }
  const result = await addRelation(db, { userId: user.id, relation, actor: user, ip: args.context.clientIp })
  if (!result.ok) return formError(result.errors, raw)
  return redirect('/review/relations?notice=added')
}

export default function Relations() {
  const { relations } = useLoaderData<typeof loader>()
  const t = useT()
  const [search] = useSearchParams()
  const notice = search.get('notice')
  const form = usePortalForm(relationSchema, { intent: 'add', kind: 'tax_code' })
  return (
    <div className="narrow relations-page">
      <ErrorSummary errors={form.errors} order={['kind', 'taxCode', 'personName', 'note']} />
      {notice === 'added' ? <Banner kind="success">{t('councils.relations.added')}</Banner> : null}
      {notice === 'removed' ? <Banner kind="success">{t('councils.relations.removed')}</Banner> : null}
      <h1>{t('councils.relations.title')}</h1>
      <p>{t('councils.relations.lead')}</p>
      <h2>{t('councils.relations.list')}</h2>
      {relations.length === 0 ? (
        <p>{t('councils.relations.empty')}</p>
      ) : (
        <DataTable
          caption={t('councils.relations.list')}
          columns={[
            { label: t('councils.relations.col.kind') },
            { label: t('councils.relations.col.value') },
            { label: t('councils.relations.col.note') },
            { label: t('councils.relations.col.actions'), hidden: true },
          ]}
          rows={relations.map((r) => {
            const value = r.taxCode ?? r.personName ?? ''
            return (
              <tr key={r.id}>
                <td>{t(r.taxCode ? 'councils.relations.kind.tax_code' : 'councils.relations.kind.person')}</td>
                <td>{value}</td>
                <td className="pre-line">{r.note}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="relationId" value={r.id} />
                    <button type="submit" className="button button--warning button--small" aria-label={t('councils.relations.removeLabel', { value })}>
                      {t('councils.relations.remove')}
                    </button>
                  </Form>
                </td>
              </tr>
            )
          })}
        />
      )}
      <h2>{t('councils.relations.add')}</h2>
      <PortalFormTag form={form}>
        <HiddenField form={form} name="intent" />
        <RadioGroup
          form={form}
          name="kind"
          legend={t('councils.relations.kind')}
          options={[
            { value: 'tax_code', label: t('councils.relations.kind.tax_code') },
            { value: 'person', label: t('councils.relations.kind.person') },
          ]}
        />
        <TextField form={form} name="taxCode" label={t('councils.relations.taxCode')} hint={t('councils.relations.taxCode.hint')} width="half" optional spellCheck={false} />
        <TextField form={form} name="personName" label={t('councils.relations.personName')} hint={t('councils.relations.personName.hint')} width="half" optional spellCheck={false} />
        <TextAreaField form={form} name="note" label={t('councils.relations.note')} optional rows={2} />
        <SubmitButton form={form}>{t('councils.relations.submit')}</SubmitButton>
      </PortalFormTag>
    </div>
  )
}

import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { ErrorSummary, FileField, HintAndError, describedByOf } from '../components/form'
import { VerificationResult } from '../components/verification'
import type { SerializeFrom } from '@remix-run/node'
import { type FormErrorData, formError } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { readSmallForm } from '../lib/multipart.server'
import { authorize } from '../modules/auth'
import { printedCode, type Verification, verifyFile } from '../modules/decisions'
import { normaliseVerificationCode } from '../modules/decisions/signing'

// The public check of a document of the Fund: give the PDF (checked and discarded) or the code printed under its
// QR code. No sign-in; the answer shows only what the document itself prints.

const ROUTE = 'routes/verify._index'
const MAX_PDF = 20 * 1024 * 1024

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'docCheck.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, ROUTE)
  return null
}

export async function action(args: ActionFunctionArgs) {
  await authorize(args, ROUTE)
  const form = await readSmallForm(args.request, { maxFileBytes: MAX_PDF })
  if (!form.ok) return formError({ file: form.status === 413 ? 'docCheck.e.tooLarge' : 'docCheck.e.file' }, {}, form.status)
  if (form.fields.intent === 'code') {
    const code = normaliseVerificationCode(form.fields.code ?? '')
    if (!code) return formError({ code: 'docCheck.bad_code' }, { code: form.fields.code ?? '' })
    return redirect(`/verify/${printedCode(code)}`)
  }
  const file = form.files.file
  if (!file || file.bytes.length === 0) return formError({ file: 'docCheck.e.file' }, {})
  const result: Verification = await verifyFile(args.context.db, file.bytes)
  return json({ result, filename: file.filename })
}

export default function Verify() {
  const data = useActionData<typeof action>() as (FormErrorData & { result?: undefined; filename?: undefined }) | { result: SerializeFrom<Verification>; filename: string; errors?: undefined; defaultValues?: undefined } | undefined
  const t = useT()
  const errors = data?.errors ?? {}
  return (
    <>
      <ErrorSummary errors={errors} order={['file', 'code']} />
      <h1>{t('docCheck.title')}</h1>
      <p>{t('docCheck.lead')}</p>
      {data?.result ? <VerificationResult result={data.result} filename={data.filename} /> : null}
      <h2>{t('docCheck.byFile')}</h2>
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="file" />
        <FileField name="file" label={t('docCheck.file')} hint={t('docCheck.file.hint')} error={errors.file} accept=".pdf,application/pdf" />
        <button type="submit" className="button">
          {t('docCheck.submit.file')}
        </button>
      </Form>
      <h2>{t('docCheck.byCode')}</h2>
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="code" />
        <div className={`form-group${errors.code ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor="code">
            {t('docCheck.code')}
          </label>
          <HintAndError name="code" error={errors.code} />
          <input className="input input--third" id="code" name="code" type="text" autoComplete="off" spellCheck={false} defaultValue={data?.errors ? (data.defaultValues?.code ?? '') : ''} aria-describedby={describedByOf('code', undefined, errors.code)} aria-invalid={errors.code ? true : undefined} />
        </div>
        <button type="submit" className="button">
          {t('docCheck.submit.code')}
        </button>
      </Form>
    </>
  )
}

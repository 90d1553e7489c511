import { type ActionFunctionArgs, json, type MetaFunction, redirect } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { ErrorSummary, HintAndError, describedByOf } from '../components/form'
import { VerificationResult } from '../components/verification'
import { type FormErrorData, formError } from '../lib/forms.server'
import { pageTitle, useT } from '../lib/i18n'
import { readSmallForm } from '../lib/multipart.server'
import { printedCode, type Verification, verifyFile } from '../modules/decisions'
import { normaliseVerificationCode } from '../modules/decisions/signing'

// The public check of a document of the Fund: give the PDF (checked and discarded) or the code printed under its
// QR code. No sign-in; the answer shows only what the document itself prints.

const MAX_PDF = 20 * 1024 * 1024

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'verify.title')

export async function action(args: ActionFunctionArgs) {
  const form = await readSmallForm(args.request, { maxFileBytes: MAX_PDF })
  if (!form.ok) return formError({ file: form.status === 413 ? 'verify.e.tooLarge' : 'verify.e.file' }, {}, form.status)
  if (form.fields.intent === 'code') {
    const code = normaliseVerificationCode(form.fields.code ?? '')
    if (!code) return formError({ code: 'verify.bad_code' }, { code: form.fields.code ?? '' })
    return redirect(`/verify/${printedCode(code)}`)
  }
  const file = form.files.file
  if (!file || file.bytes.length === 0) return formError({ file: 'verify.e.file' }, {})
  const result: Verification = await verifyFile(args.context.db, file.bytes)
  return json({ result, filename: file.filename })
}

export default function Verify() {
  const data = useActionData<(FormErrorData & { result?: undefined }) | { result: Verification; filename: string; errors?: undefined }>()
  const t = useT()
  const errors = data?.errors ?? {}
  return (
    <>
      <ErrorSummary errors={errors} order={['file', 'code']} />
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.lead')}</p>
      {data?.result ? <VerificationResult result={data.result} filename={data.filename} /> : null}
      <h2>{t('verify.byFile')}</h2>
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="file" />
        <div className={`form-group${errors.file ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor="file">
            {t('verify.file')}
          </label>
          <HintAndError name="file" hint={t('verify.file.hint')} error={errors.file} />
          <input className="file-upload" id="file" name="file" type="file" accept=".pdf,application/pdf" aria-describedby={describedByOf('file', 'hint', errors.file)} aria-invalid={errors.file ? true : undefined} />
        </div>
        <button type="submit" className="button">
          {t('verify.submit.file')}
        </button>
      </Form>
      <h2>{t('verify.byCode')}</h2>
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="code" />
        <div className={`form-group${errors.code ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor="code">
            {t('verify.code')}
          </label>
          <HintAndError name="code" error={errors.code} />
          <input className="input input--third" id="code" name="code" type="text" autoComplete="off" spellCheck={false} defaultValue={data?.errors ? (data.defaultValues?.code ?? '') : ''} aria-describedby={describedByOf('code', undefined, errors.code)} aria-invalid={errors.code ? true : undefined} />
        </div>
        <button type="submit" className="button">
          {t('verify.submit.code')}
        </button>
      </Form>
    </>
  )
}

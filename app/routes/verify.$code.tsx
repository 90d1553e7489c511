import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { VerificationResult } from '../components/verification'
import { pageTitle, useT } from '../lib/i18n'
import { authorize } from '../modules/auth'
import { verifyCode } from '../modules/decisions'

// Where a document's QR code leads: what the Fund recorded for the code printed on it.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'docCheck.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/verify.$code')
  const result = await verifyCode(args.context.db, args.params.code ?? '')
  // An unknown code is an answer, not an error page: but a 404 tells machines the same.
  return json({ result }, { status: result.found ? 200 : 404 })
}

export default function VerifyCode() {
  const { result } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <h1>{t('docCheck.title')}</h1>
      <VerificationResult result={result} />
      <p>
        <Link to="/verify">{t('docCheck.again')}</Link>
      </p>
    </>
  )
}

import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { pageTitle, useT } from '../lib/i18n'
import { authorize, requestMeta, verifyEmail } from '../modules/auth'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'verify.title')

// The link in the verification mail. Using it up is idempotent in effect: a second visit says the link is spent.
export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/verify-email')
  const token = new URL(args.request.url).searchParams.get('token') ?? ''
  const result = token && token.length <= 200 ? await verifyEmail(args.context.db, token, requestMeta(args)) : 'invalid'
  return json({ result }, { status: result === 'verified' ? 200 : 400 })
}

export default function VerifyEmail() {
  const { result } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <div className="narrow">
      {result === 'verified' ? (
        <>
          <h1>{t('verify.done')}</h1>
          <p>{t('verify.doneBody')}</p>
          <p>
            <Link className="button" to="/login?notice=verified">
              {t('nav.login')}
            </Link>
          </p>
        </>
      ) : (
        <>
          <h1>{t('verify.invalid')}</h1>
          <p>{t('verify.invalidBody')}</p>
          <p>
            <Link to="/verify-email/resend">{t('login.resend')}</Link>
          </p>
        </>
      )}
    </div>
  )
}

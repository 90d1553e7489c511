import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { pageTitle, useT } from '../lib/i18n'
import { authorize } from '../modules/auth'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'checkEmail.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/check-email')
  return null
}

export default function CheckEmail() {
  const t = useT()
  return (
    <div className="narrow">
      <h1>{t('checkEmail.title')}</h1>
      <p>{t('checkEmail.body')}</p>
      <p>
        {t('checkEmail.spam')} <Link to="/verify-email/resend">{t('checkEmail.resend')}</Link>.
      </p>
    </div>
  )
}

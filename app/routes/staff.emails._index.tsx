import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EMAIL_TEMPLATE_NAMES, renderSample } from '../../emails/samples'
import { DataTable } from '../components/table'
import { pageTitle, useT } from '../lib/i18n'
import { authorizeUser } from '../modules/auth'

// Every message the portal sends: its subject in Vietnamese and in English (rendered from sample data), the
// event that sends it, and a link to its preview. Nothing here sends mail.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'emails.preview.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorizeUser(args, 'routes/staff.emails._index')
  const appUrl = args.context.env.APP_URL
  const templates = EMAIL_TEMPLATE_NAMES.map((name) => ({
    name,
    subjectVi: renderSample(name, appUrl, 'vi').subject,
    subjectEn: renderSample(name, appUrl, 'en').subject,
  }))
  return json({ templates })
}

export default function EmailTemplates() {
  const { templates } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <h1>{t('emails.preview.title')}</h1>
      <p>{t('emails.preview.lead')}</p>
      <p className="hint">{t('emails.preview.sampleNote')}</p>
      <DataTable
        caption={t('emails.preview.title')}
        scrollLabel={t('emails.preview.title')}
        columns={[
          { label: t('emails.preview.col.template') },
          { label: t('emails.preview.col.event') },
          { label: t('emails.preview.col.subjectVi') },
          { label: t('emails.preview.col.subjectEn') },
        ]}
        rows={templates.map((m) => (
          <tr key={m.name}>
            <td>
              <Link to={`/staff/emails/${m.name}`}>{m.name}</Link>
            </td>
            <td>{t(`emails.preview.event.${m.name}`)}</td>
            <td lang="vi">{m.subjectVi}</td>
            <td lang="en">{m.subjectEn}</td>
          </tr>
        ))}
      />
    </>
  )
}

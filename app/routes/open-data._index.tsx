import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { authorize } from '../modules/auth'
import { pageTitle, useT } from '../lib/i18n'
import type { MessageKey } from '../i18n'
import { DataTable } from '../components/table'

// The developers' page: the files, the API, the licence, each field with its 360Giving name and CSV column.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'openData.title')

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/open-data._index')
  return null
}

const FIELDS: [json: string, csv: string, key: MessageKey][] = [
  ['id', 'Identifier', 'openData.f.id'],
  ['title', 'Title', 'openData.f.title'],
  ['description', 'Description', 'openData.f.description'],
  ['currency', 'Currency', 'openData.f.currency'],
  ['amountAwarded', 'Amount Awarded', 'openData.f.amountAwarded'],
  ['amountCounterpart', 'Amount Counterpart', 'openData.f.amountCounterpart'],
  ['awardDate', 'Award Date', 'openData.f.awardDate'],
  ['decisionNumber', 'Decision Number', 'openData.f.decisionNumber'],
  ['priorityField', 'Priority Field', 'openData.f.priorityField'],
  ['recipientOrganization', 'Recipient Org:Identifier, Recipient Org:Name, Recipient Org:Organisation Type', 'openData.f.recipientOrganization'],
  ['fundingOrganization', 'Funding Org:Identifier, Funding Org:Name', 'openData.f.fundingOrganization'],
  ['grantProgramme', 'Grant Programme:Code, Grant Programme:Title', 'openData.f.grantProgramme'],
  ['plannedDates', 'Planned Dates:Duration (months)', 'openData.f.plannedDates'],
  ['dateModified', 'Last modified', 'openData.f.dateModified'],
]

export default function OpenData() {
  const t = useT()
  return (
    <>
      <h1>{t('openData.title')}</h1>
      <p className="lead">{t('openData.lead')}</p>
      <h2>{t('openData.files')}</h2>
      <ul>
        <li>
          <a href="/open-data/grants.csv">{t('openData.csv')}</a> — <code>/open-data/grants.csv</code>
        </li>
        <li>
          <a href="/open-data/grants.json">{t('openData.json')}</a> — <code>/open-data/grants.json</code>
        </li>
        <li>
          <a href="/open-data/grants.schema.json">{t('openData.schema')}</a> — <code>/open-data/grants.schema.json</code>
        </li>
      </ul>
      <h2>{t('openData.licence.title')}</h2>
      <p>
        {t('openData.licence')} <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>
      </p>
      <h2>{t('openData.api.title')}</h2>
      <p>{t('openData.api.lead', { url: '/api/grants?page=1&pageSize=100' })}</p>
      <h2>{t('openData.fields.title')}</h2>
      <DataTable
        caption={t('openData.fields.title')}
        columns={[{ label: t('openData.col.field') }, { label: t('openData.col.column') }, { label: t('openData.col.meaning') }]}
        rows={FIELDS.map(([field, column, key]) => (
          <tr key={field}>
            <td>
              <code>{field}</code>
            </td>
            <td>{column}</td>
            <td>{t(key)}</td>
          </tr>
        ))}
      />
    </>
  )
}

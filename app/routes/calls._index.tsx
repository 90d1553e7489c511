import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CallCard, useFieldLabel } from '../components/call-card'
import { FilterBar, FilterSelect } from '../components/table'
import { pageTitle, useT } from '../lib/i18n'
import { authorize } from '../modules/auth'
import { listPublicFields, listPublishedCalls, MODALITIES, PHASES } from '../modules/calls'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'calls.title')

/** The value of a filter when it is one of the allowed ones; anything else means "no filter". */
function pick<T extends string>(url: URL, name: string, allowed: readonly T[]): T | undefined {
  const value = url.searchParams.get(name)
  return allowed.find((a) => a === value)
}

export async function loader(args: LoaderFunctionArgs) {
  await authorize(args, 'routes/calls._index')
  const url = new URL(args.request.url)
  const now = new Date()
  const fields = await listPublicFields(args.context.db)
  const filter = { field: pick(url, 'field', fields), modality: pick(url, 'modality', MODALITIES), phase: pick(url, 'phase', PHASES) }
  const calls = await listPublishedCalls(args.context.db, { ...filter, now })
  return json({
    now: now.toISOString(),
    calls,
    fields,
    modalities: MODALITIES,
    phases: PHASES,
    filter: { field: filter.field ?? '', modality: filter.modality ?? '', phase: filter.phase ?? '' },
  })
}

export default function Calls() {
  const { calls, now, fields, modalities, phases, filter } = useLoaderData<typeof loader>()
  const t = useT()
  const fieldLabel = useFieldLabel()
  const filtered = Boolean(filter.field || filter.modality || filter.phase)
  return (
    <>
      <h1>{t('calls.title')}</h1>
      <p className="lead">{t('calls.lead')}</p>
      <FilterBar>
        <FilterSelect
          name="field"
          label={t('calls.filter.field')}
          value={filter.field}
          any={t('calls.filter.anyField')}
          options={fields.map((f) => ({ value: f, label: fieldLabel(f) }))}
        />
        <FilterSelect
          name="modality"
          label={t('calls.filter.modality')}
          value={filter.modality}
          any={t('calls.filter.anyModality')}
          options={modalities.map((m) => ({ value: m, label: t(`modality.${m}`) }))}
        />
        <FilterSelect
          name="phase"
          label={t('calls.filter.phase')}
          value={filter.phase}
          any={t('calls.filter.anyPhase')}
          options={phases.map((p) => ({ value: p, label: t(`calls.phase.${p}`) }))}
        />
      </FilterBar>
      <p className="secondary" role="status">
        {calls.length === 1 ? t('calls.count.one') : t('calls.count', { count: calls.length })}
        {filtered ? (
          <>
            {' · '}
            <Link to="/calls">{t('form.clear')}</Link>
          </>
        ) : null}
      </p>
      {calls.length === 0 ? (
        <p>{t('calls.none')}</p>
      ) : (
        <ul className="card-list" aria-label={t('calls.listLabel')}>
          {calls.map((call) => (
            <CallCard key={call.id} call={call} now={now} headingLevel={2} />
          ))}
        </ul>
      )}
    </>
  )
}

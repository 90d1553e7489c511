import { formatDay, formatNumber, formatPercent } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'
import type { TargetProgress } from '../modules/transparency'
import { TargetChart } from './target-chart'

// The resolution's targets: for each, its chart (SVG, one labelled image) beside the table row holding the same
// numbers for screen readers and for the printed report.
export function TargetsTable({ targets, charts = true }: { targets: readonly TargetProgress[]; charts?: boolean }) {
  const t = useT()
  const lang = useLang()
  const n = (v: number | null, unit: string) => (v === null ? '—' : unit === '%' ? formatPercent(v, lang) : `${formatNumber(v, lang)} ${unit}`)
  return (
    <div className="targets">
      {targets.map((target) => {
        const name = lang === 'vi' ? target.nameVi : target.nameEn
        const unit = lang === 'vi' ? target.unitVi : target.unitEn
        return (
          <section className="target" key={target.id} aria-labelledby={`target-${target.code}`}>
            <h3 id={`target-${target.code}`}>{name}</h3>
            <div className="target__body">
              {charts ? <TargetChart id={`chart-${target.code}`} name={name} unit={unit} baseline={target.baseline} target={target.target} current={target.current} /> : null}
              <table className="table target__table">
                <caption className="visually-hidden">{name}</caption>
                <tbody>
                  <tr>
                    <th scope="row">{t('targets.col.baseline')}</th>
                    <td className="num">{n(target.baseline, unit)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('targets.col.target')}</th>
                    <td className="num">
                      {n(target.target, unit)} ({target.targetYear})
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">{t('targets.col.current')}</th>
                    <td className="num" data-target={target.code}>
                      {n(target.current, unit)}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">{t('targets.col.progress')}</th>
                    <td className="num">{target.progressPct === null ? '—' : formatPercent(target.progressPct, lang, { decimals: 1 })}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('targets.col.computation')}</th>
                    <td>{t(`targets.how.${target.computation}`)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('targets.col.origin')}</th>
                    <td>
                      {target.origin === 'records'
                        ? t('targets.origin.records')
                        : target.origin === 'entered'
                          ? t('targets.origin.entered', { date: target.asOf ? formatDay(target.asOf) : '', source: target.source ?? '' })
                          : t('targets.origin.none')}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
          </section>
        )
      })}
    </div>
  )
}

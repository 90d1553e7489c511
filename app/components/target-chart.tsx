import { formatNumber, formatPercent } from '../i18n/format'
import { useLang, useT } from '../lib/i18n'

// A target of the resolution as a bar, drawn as SVG in the page (on the server, and the same in the browser):
// the way from the baseline to the target, the value reached so far filled, the numbers written out in the
// reader's language. Black on white with a pattern-free fill, so it prints; the table beside it holds the same
// numbers for screen readers (the SVG itself is one labelled image).

export function TargetChart({
  id,
  name,
  unit,
  baseline,
  target,
  current,
}: {
  id: string
  name: string
  unit: string
  baseline: number
  target: number
  current: number | null
}) {
  const t = useT()
  const lang = useLang()
  const width = 360
  const barX = 10
  const barW = 340
  const top = Math.max(target, baseline, current ?? 0) || 1
  const low = Math.min(0, baseline, current ?? 0)
  const x = (v: number) => barX + ((v - low) / (top - low)) * barW
  const n = (v: number) => (unit === '%' ? formatPercent(v, lang) : formatNumber(v, lang))
  const summary = t('targets.chart.summary', { name, current: current === null ? t('targets.none') : n(current), target: n(target), baseline: n(baseline) })
  return (
    <svg className="target-chart" viewBox={`0 0 ${width} 74`} width={width} height={74} role="img" aria-labelledby={`${id}-title`}>
      <title id={`${id}-title`}>{summary}</title>
      <rect x={barX} y={22} width={barW} height={20} fill="#ffffff" stroke="#0b0c0c" />
      {current !== null ? <rect x={x(low)} y={22} width={Math.max(0, x(Math.min(current, top)) - x(low))} height={20} fill="#1d70b8" /> : null}
      <line x1={x(baseline)} x2={x(baseline)} y1={16} y2={48} stroke="#0b0c0c" strokeDasharray="3 2" />
      <line x1={x(target)} x2={x(target)} y1={12} y2={52} stroke="#d4351c" strokeWidth={3} />
      <text x={barX} y={12} fontSize={11} fill="#0b0c0c">
        {t('targets.chart.current', { value: current === null ? t('targets.none') : n(current) })}
      </text>
      <text x={width - 10} y={12} fontSize={11} fill="#0b0c0c" textAnchor="end">
        {t('targets.chart.target', { value: n(target) })}
      </text>
      <text x={barX} y={66} fontSize={11} fill="#0b0c0c">
        {t('targets.chart.baseline', { value: n(baseline) })}
      </text>
    </svg>
  )
}

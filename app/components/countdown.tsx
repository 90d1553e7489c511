import { useEffect, useRef, useState } from 'react'
import type { Translate } from '../i18n'
import { useT } from '../lib/i18n'

const MINUTE = 60_000

/** "3 ngày 4 giờ 12 phút": whole minutes, rounded up, leading zero units left out. */
export function durationText(ms: number, t: Translate): string {
  const total = Math.max(0, Math.ceil(ms / MINUTE))
  const days = Math.floor(total / 1440)
  const hours = Math.floor((total % 1440) / 60)
  const minutes = total % 60
  const parts: string[] = []
  if (days) parts.push(t('calls.unit.days', { n: days }))
  if (days || hours) parts.push(t('calls.unit.hours', { n: hours }))
  parts.push(t('calls.unit.minutes', { n: minutes }))
  return parts.join(' ')
}

/**
 * The time left until `target`, counted from the server's clock (`serverNow`, when the page was made), never
 * the visitor's: the first render is the server's text, then it moves on by the time elapsed in the page
 * (a monotonic clock), once a minute. Without JavaScript the server's text stays.
 */
export function Countdown({ serverNow, target, mode }: { serverNow: string; target: string; mode: 'closes' | 'opens' }) {
  const t = useT()
  const start = Date.parse(serverNow)
  const end = Date.parse(target)
  const [now, setNow] = useState(start)
  const mounted = useRef<number | null>(null)
  useEffect(() => {
    mounted.current = performance.now()
    let timer: ReturnType<typeof setTimeout>
    const tick = () => {
      const current = start + (performance.now() - (mounted.current ?? 0))
      setNow(current)
      const left = end - current
      if (left <= 0) return
      // Next change of the minute shown (minutes round up), plus a little margin.
      timer = setTimeout(tick, (left % MINUTE || MINUTE) + 50)
    }
    timer = setTimeout(tick, ((end - start) % MINUTE || MINUTE) + 50)
    return () => clearTimeout(timer)
  }, [start, end])
  const left = end - now
  const text =
    left > 0
      ? t(mode === 'closes' ? 'calls.deadline.left' : 'calls.deadline.opensIn', { time: durationText(left, t) })
      : mode === 'closes'
        ? t('calls.deadline.reached')
        : t('calls.phase.open')
  return (
    <span role="timer" className={mode === 'closes' && left <= 3 * 24 * 3600_000 ? 'deadline-soon' : undefined}>
      {text}
    </span>
  )
}

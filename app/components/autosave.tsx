import { useFetcher } from '@remix-run/react'
import { type RefObject, useEffect, useRef, useState } from 'react'
import { formatTime } from '../i18n/format'
import { useT } from '../lib/i18n'

// Autosave for the section forms (progressive enhancement: without JavaScript none of this runs and the
// Save button works). A few seconds after typing stops, and when the page is hidden or left, the form is
// posted to its own action with intent=autosave and the version it is based on. A conflict (another tab or
// a co-applicant saved first) stops autosaving and is shown; nothing is overwritten.

export const AUTOSAVE_DELAY_MS = 2000

export type AutosaveAnswer =
  | { saved: { version: number; savedAt: string } }
  | { conflict: { version: number; savedAt: string | null; savedBy: string | null } }
  | { errors: Record<string, { message: string }> }

export function useAutosave({
  routeId,
  formRef,
  enabled,
  version,
  savedAt,
  onVersion,
}: {
  /** The Remix route id of the page whose action saves (the request sent when leaving names it). */
  routeId: string
  formRef: RefObject<HTMLFormElement | null>
  enabled: boolean
  version: number
  savedAt: string | null
  onVersion: (version: number) => void
}) {
  const fetcher = useFetcher<AutosaveAnswer>()
  const versionRef = useRef(version)
  const dirty = useRef(false)
  const stopped = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const [lastSaved, setLastSaved] = useState<string | null>(savedAt)
  const [conflict, setConflict] = useState<{ savedAt: string | null; savedBy: string | null } | null>(null)
  const [failed, setFailed] = useState(false)
  const busy = useRef(false)
  busy.current = fetcher.state !== 'idle'

  const payload = () => {
    const data = new FormData(formRef.current!)
    data.set('intent', 'autosave')
    data.set('baseVersion', String(versionRef.current))
    return data
  }

  const accept = (answer: AutosaveAnswer | undefined) => {
    if (!answer) return
    if ('saved' in answer) {
      versionRef.current = answer.saved.version
      onVersion(answer.saved.version)
      setLastSaved(answer.saved.savedAt)
      setFailed(false)
    } else if ('conflict' in answer) {
      stopped.current = true
      setConflict(answer.conflict)
    } else {
      setFailed(true)
    }
  }

  const save = () => {
    if (!enabled || stopped.current || !dirty.current || !formRef.current) return
    if (busy.current) {
      timer.current = setTimeout(save, AUTOSAVE_DELAY_MS)
      return
    }
    dirty.current = false
    fetcher.submit(payload(), { method: 'post' })
  }

  useEffect(() => {
    if (fetcher.state === 'idle' && fetcher.data) accept(fetcher.data)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data])

  useEffect(() => {
    const form = formRef.current
    if (!enabled || !form) return
    const changed = () => {
      dirty.current = true
      clearTimeout(timer.current)
      timer.current = setTimeout(save, AUTOSAVE_DELAY_MS)
    }
    // Leaving (or hiding) the page: a request that outlives it, read when the page is still there.
    const leave = () => {
      if (!dirty.current || stopped.current) return
      clearTimeout(timer.current)
      dirty.current = false
      const url = `${window.location.pathname}?_data=${encodeURIComponent(routeId)}`
      fetch(url, { method: 'POST', body: payload(), keepalive: true, credentials: 'same-origin' })
        .then((r) => r.json() as Promise<AutosaveAnswer>)
        .then(accept)
        .catch(() => setFailed(true))
    }
    // The form itself is being sent (Save and continue): nothing left for autosave to do.
    const submitted = () => {
      clearTimeout(timer.current)
      dirty.current = false
    }
    const hidden = () => {
      if (document.visibilityState === 'hidden') leave()
    }
    form.addEventListener('input', changed)
    form.addEventListener('change', changed)
    form.addEventListener('submit', submitted)
    document.addEventListener('visibilitychange', hidden)
    window.addEventListener('pagehide', leave)
    return () => {
      form.removeEventListener('input', changed)
      form.removeEventListener('change', changed)
      form.removeEventListener('submit', submitted)
      document.removeEventListener('visibilitychange', hidden)
      window.removeEventListener('pagehide', leave)
      clearTimeout(timer.current)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, routeId])

  /** Saves now (the "Save as draft" button, when JavaScript runs). */
  const saveNow = () => {
    clearTimeout(timer.current)
    dirty.current = true
    save()
  }

  return { lastSaved, conflict, failed, saving: fetcher.state !== 'idle', saveNow }
}

/** The autosave state, announced politely: "Đã lưu lúc 14:32", or the conflict with a reload link. */
export function AutosaveStatus({ state }: { state: ReturnType<typeof useAutosave> }) {
  const t = useT()
  return (
    <div className="autosave-status" aria-live="polite" role="status">
      {state.conflict ? (
        <p className="error-message">
          {t('applications.form.conflict', {
            name: state.conflict.savedBy ?? t('applications.form.someone'),
            time: state.conflict.savedAt ? formatTime(state.conflict.savedAt) : '',
          })}{' '}
          <a href="">{t('applications.form.conflict.reload')}</a>
        </p>
      ) : state.failed ? (
        <p>{t('applications.form.saveFailed')}</p>
      ) : state.saving ? (
        <p>{t('applications.form.saving')}</p>
      ) : state.lastSaved ? (
        <p>{t('applications.form.savedAt', { time: formatTime(state.lastSaved) })}</p>
      ) : null}
    </div>
  )
}

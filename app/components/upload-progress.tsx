import { useNavigate, useRevalidator } from '@remix-run/react'
import { type FormEvent, type ReactNode, useState } from 'react'
import type { FieldErrors } from '../lib/forms.server'
import { useT } from '../lib/i18n'

/**
 * A multipart upload form that works as a plain POST without JavaScript. With JavaScript it sends the same
 * request with XMLHttpRequest (as a Remix data request, so the action answers JSON), shows the upload's
 * progress, then follows the action's redirect or hands its errors to the page.
 */
export function UploadForm({
  id,
  action,
  routeId,
  onErrors,
  children,
  className,
}: {
  /** Unique on the page: names the progress bar. */
  id: string
  action: string
  routeId: string
  onErrors: (errors: FieldErrors | null) => void
  children: ReactNode
  className?: string
}) {
  const t = useT()
  const navigate = useNavigate()
  const revalidator = useRevalidator()
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null)

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === 'undefined' || progress) return
    event.preventDefault()
    const form = event.currentTarget
    const data = new FormData(form)
    const file = data.get('file')
    const name = file instanceof File ? file.name : ''
    const url = new URL(form.action, window.location.href)
    url.searchParams.set('_data', routeId)
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url.toString())
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) setProgress({ name, percent: Math.min(100, Math.round((e.loaded / e.total) * 100)) })
    })
    xhr.addEventListener('load', () => {
      setProgress(null)
      const redirectTo = xhr.getResponseHeader('X-Remix-Redirect')
      if (redirectTo) {
        form.reset()
        onErrors(null)
        navigate(redirectTo, { replace: true, preventScrollReset: true })
        return
      }
      let body: { errors?: FieldErrors } | null = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = null
      }
      onErrors(body?.errors ?? { form: { type: 'server', message: 'attachments.error.badRequest' } })
      revalidator.revalidate()
    })
    xhr.addEventListener('error', () => {
      setProgress(null)
      onErrors({ form: { type: 'server', message: 'attachments.error.network' } })
    })
    setProgress({ name, percent: 0 })
    xhr.send(data)
  }

  return (
    <form method="post" encType="multipart/form-data" action={action} onSubmit={onSubmit} className={className}>
      {children}
      <div aria-live="polite" className="upload-progress">
        {progress ? (
          <>
            <label className="hint" htmlFor={`${id}-progress`}>
              {t('attachments.progress', { name: progress.name })}
            </label>{' '}
            <progress id={`${id}-progress`} max={100} value={progress.percent}>
              {t('attachments.progressPercent', { percent: progress.percent })}
            </progress>{' '}
            <span>{t('attachments.progressPercent', { percent: progress.percent })}</span>
          </>
        ) : null}
      </div>
    </form>
  )
}

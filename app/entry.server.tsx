import { PassThrough, Transform } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from './lib/nonce'

const ABORT_DELAY = 5_000

// The whole page is rendered before it is sent (onAllReady): pages are small, and a complete document
// is what assistive technology and the browser tests see first.
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? ''
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true
          const body = new PassThrough()
          const clean = withoutNul()
          clean.pipe(body)
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(clean)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

/**
 * React 18.3's Node stream writer pads a 2 KB chunk with NUL bytes when a multi-byte letter does not fit at its end
 * (react#31134): "thử l\0\0ại". The letter itself follows in the next chunk, so dropping the NULs gives the page
 * as rendered. HTML has no place for a NUL, so nothing else is lost; inside the page's inline data a NUL would
 * otherwise become U+FFFD in the browser.
 */
function withoutNul() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((b) => b !== 0) : chunk)
    },
  })
}

/** Errors from loaders and actions: log them (the page shown is the friendly one); aborted requests are noise. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  console.error('[remix]', request.method, new URL(request.url).pathname, error)
}

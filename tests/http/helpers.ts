// Plain HTTP against the built portal: no browser, no cookie jar, every redirect visible.

import { type IncomingHttpHeaders, request } from 'node:http'

export interface SetCookie {
  name: string
  value: string
  /** Attribute names in lower case; flags (HttpOnly, Secure) have the value true. */
  attributes: Map<string, string | true>
}

export function parseSetCookie(line: string): SetCookie {
  const [pair, ...attrs] = line.split(';').map((s) => s.trim())
  const eq = pair.indexOf('=')
  const attributes = new Map<string, string | true>()
  for (const a of attrs) {
    const i = a.indexOf('=')
    if (i === -1) attributes.set(a.toLowerCase(), true)
    else attributes.set(a.slice(0, i).toLowerCase(), a.slice(i + 1))
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes }
}

/** The cookie of that name the response sets, if any. */
export function setCookie(res: Response, name: string): SetCookie | undefined {
  return res.headers
    .getSetCookie()
    .map(parseSetCookie)
    .find((c) => c.name === name)
}

/** GET without following redirects. */
export function get(url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') {
  return fetch(url, { method, headers, redirect: 'manual' })
}

/** A form POST, as a browser sends it without JavaScript (the caller decides about Origin and Referer). */
export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    redirect: 'manual',
  })
}

/** Signs in with the login form from the portal's own origin; returns the response (302 on success). */
export function signIn(baseUrl: string, email: string, password: string, cookie?: string) {
  return postForm(`${baseUrl}/login`, { email, password }, { Origin: baseUrl, ...(cookie ? { Cookie: cookie } : {}) })
}

/** Signs of a stack trace or a server path leaking into a response. */
export const STACK_TRACE = /\n\s+at\s|node_modules|\/build\/server|\.tsx?:\d+|\bError:/

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * A request exactly as given, which fetch() cannot send: any Host header, and a path that is not normalised
 * first (`/.//x` stays `/.//x`). A body is sent as a form.
 */
export function rawRequest(baseUrl: string, path: string, options: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {}) {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined
  const { hostname, port } = new URL(baseUrl)
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        path,
        method: options.method ?? (body ? 'POST' : 'GET'),
        headers: { ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) } : {}), ...options.headers },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

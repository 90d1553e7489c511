import type { DB, DatabaseKind } from '../db'
import type { Env } from './config/env.server'

/** What the server hands every loader and action (server/app.ts builds it once per process). */
export interface PortalContext {
  db: DB
  dbKind: DatabaseKind
  env: Env
  /** The CSP nonce of this response, for the scripts Remix inlines. */
  cspNonce: string
  /** The client address, as the server sees it (behind a proxy only when TRUST_PROXY is set). */
  clientIp: string | null
}

declare module '@remix-run/node' {
  interface AppLoadContext extends PortalContext {}
}

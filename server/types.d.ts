declare module 'on-headers' {
  import type { ServerResponse } from 'node:http'
  export default function onHeaders(res: ServerResponse, listener: () => void): void
}

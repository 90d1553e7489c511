/**
 * Where to send a browser that asked to come back to `target` (after signing in, after switching language):
 * the path, query and fragment of `target` when it is an address on this portal, otherwise `fallback` ('/'
 * unless given; after signing in, the start page).
 *
 * Judged the way the browser will read the Location header: WHATWG URL parsing against the portal's origin,
 * which drops tabs and newlines and reads `\` as `/`. So `/\t/evil.example`, `/\evil.example` and
 * `//evil.example` all name another host and are refused, and the answer never carries a CR or LF. A path
 * that would itself read as another host once normalised (`/.//evil.example` → `//evil.example`) is refused
 * too. Browser-safe: no Node APIs.
 */
export function pathOnPortal(target: string | null | undefined, portalUrl: string, fallback = '/'): string {
  if (!target) return fallback
  const origin = new URL(portalUrl).origin
  let url: URL
  try {
    url = new URL(target, origin)
  } catch {
    return fallback
  }
  if (url.origin !== origin) return fallback
  const path = url.pathname + url.search + url.hash
  return path.startsWith('//') ? fallback : path
}

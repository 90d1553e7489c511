import { afterAll, beforeAll } from 'vitest'
import { type Portal, type PortalOptions, startPortal } from './portal'

/**
 * Starts the built portal once for the test file (beforeAll) and stops it after (afterAll). The suite
 * fails if the portal logged errors on stderr while the tests ran (a 500 or a crashed delivery round),
 * or if it did not shut down cleanly on SIGTERM.
 */
export function usePortal<T = undefined>(options: PortalOptions<T> & { allowStderr?: RegExp } = {}): () => Portal<T> {
  let portal: Portal<T> | undefined
  beforeAll(async () => {
    portal = await startPortal(options)
  }, options.prepare ? 300_000 : 120_000)
  afterAll(async () => {
    if (!portal) return
    const p = portal
    portal = undefined
    const exit = await p.stop()
    const stderr = p.errors()
    const unexpected = stderr
      .split('\n')
      .filter((line) => line.trim() && !(options.allowStderr && options.allowStderr.test(line)))
    if (unexpected.length) throw new Error(`The portal logged errors while the tests ran:\n${stderr}`)
    if (exit.killed || exit.code !== 0) {
      throw new Error(`The portal did not shut down cleanly on SIGTERM (${JSON.stringify(exit)}):\n${p.output()}`)
    }
  }, 60_000)
  return () => {
    if (!portal) throw new Error('The portal is not running (did beforeAll fail?)')
    return portal
  }
}

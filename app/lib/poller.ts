/**
 * A background loop of the server: runs `round` now and then every `everyMs` after the previous round ends,
 * logs a failed round under `name` and goes on (a worker must never take the portal down). `stop()` waits for
 * the round in hand; `round` may ask `stopped()` to leave early.
 */
export function startPoller(name: string, everyMs: number, round: (stopped: () => boolean) => Promise<void>, options: { unref?: boolean } = {}) {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  const tick = async () => {
    if (stopped) return
    try {
      await round(() => stopped)
    } catch (error) {
      console.error(`[${name}] round failed:`, error instanceof Error ? error.message : error)
    }
    if (stopped) return
    timer = setTimeout(() => (running = tick()), everyMs)
    if (options.unref) timer.unref()
  }
  running = tick()
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}

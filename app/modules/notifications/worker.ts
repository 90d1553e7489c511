import type { DB } from '../../../db'
import { type AttachmentRenderers, claimDueMessages, generateAttachments, markFailedAttempt, markSent } from './outbox'
import type { MailTransport } from './transport'
import { startPoller } from '../../lib/poller'

export interface DeliveryPolicy {
  maxAttempts: number
  backoffBaseMs: number
  batchSize?: number
  /** How long a claim on a batch lasts (seconds): another worker takes a dead one's messages after it. */
  leaseSeconds?: number
  /** How to draw the attachments messages leave to the worker (a submission's receipt…), by kind. */
  renderers?: AttachmentRenderers
}

/** Delivers the messages that are due now; returns how many were sent and how many failed this round. */
export async function deliverDueEmails(db: DB, transport: MailTransport, policy: DeliveryPolicy) {
  const batch = await claimDueMessages(db, policy.batchSize ?? 20, policy.leaseSeconds)
  let sent = 0
  let failed = 0
  for (const message of batch) {
    try {
      const ready = await generateAttachments(db, message, policy.renderers ?? {})
      const info = await transport.send(ready)
      await markSent(db, message.id, info)
      sent++
    } catch (error) {
      failed++
      await markFailedAttempt(db, message, error instanceof Error ? error.message : String(error), policy)
    }
  }
  return { claimed: batch.length, sent, failed }
}

/**
 * Polls the outbox until stopped. Errors of the database itself are logged and the loop goes on:
 * mail must never take the portal down.
 */
export function startOutboxWorker(db: DB, transport: MailTransport, policy: DeliveryPolicy & { pollMs: number }) {
  const poller = startPoller('outbox', policy.pollMs, async (stopped) => {
    // Keep going while full batches come back, so a backlog drains without waiting a poll each time.
    for (;;) {
      const r = await deliverDueEmails(db, transport, policy)
      if (stopped() || r.claimed < (policy.batchSize ?? 20)) break
    }
  })
  return {
    async stop() {
      await poller.stop()
      transport.close()
    },
  }
}

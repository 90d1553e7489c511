import { Worker } from 'node:worker_threads'
import { renderReceipt, type ReceiptInput } from './receipt'

// Receipts drawn on a thread of their own (ADR 028). On deadline day the outbox worker draws a receipt for every
// submission, 20 a second at the target rate; drawn on the event loop that answers the requests, each took its
// 10–20 ms from the autosaves and submissions queued behind it. The thread loads the fonts once and draws; the
// request thread only reads the data and hands it over. `server/pdf-thread.ts` is the thread's side.

/** What the thread is asked: draw this receipt. */
export interface DrawRequest {
  id: number
  input: ReceiptInput
}
/** What it answers: the PDF, or why not. */
export type DrawAnswer = { id: number; pdf: Uint8Array } | { id: number; error: string }

export interface ReceiptDrawer {
  draw(input: ReceiptInput): Promise<Uint8Array>
  /**
   * Starts the thread and has it draw one receipt that goes nowhere (WARM_UP_RECEIPT), so that loading the fonts
   * and compiling the drawing code happen when the server starts, not beside the first submissions of a rush.
   */
  warm(): Promise<void>
  close(): Promise<void>
}

/** What the warm-up draws: every part of a receipt, no real dossier. */
export const WARM_UP_RECEIPT: ReceiptInput = {
  lang: 'vi',
  fundName: 'Quỹ Phát triển khoa học và công nghệ',
  parentBody: 'Ủy ban nhân dân tỉnh',
  reference: 'KHOI-DONG',
  submittedAt: new Date(0),
  callCode: 'KHOI-DONG',
  callTitle: 'Khởi động',
  organisationName: 'Khởi động',
  organisationIdentifier: '0000000000',
  applicationTitle: 'Khởi động',
  requestedAmount: 1,
  counterpartAmount: 1,
  documents: [{ name: 'Khởi động', filename: 'khoi-dong.pdf', sizeBytes: 1, sha256: '0'.repeat(64) }],
}

/**
 * Starts the drawing thread from its built file (`build/pdf-thread.js`). A thread that dies fails the receipts it
 * was drawing (the outbox retries them) and is started again for the next one.
 */
export function startReceiptThread(file: URL): ReceiptDrawer {
  let worker: Worker | null = null
  let next = 0
  /** Set by close(): a warm-up cut short by the server stopping is no error. */
  let closed = false
  const pending = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (error: Error) => void }>()
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }
  const thread = () => {
    if (worker) return worker
    const w = new Worker(file)
    w.on('message', (answer: DrawAnswer) => {
      const p = pending.get(answer.id)
      if (!p) return
      pending.delete(answer.id)
      if ('pdf' in answer) p.resolve(answer.pdf)
      else p.reject(new Error(answer.error))
    })
    w.on('error', (error) => failAll(error))
    w.on('exit', (code) => {
      if (worker === w) worker = null
      failAll(new Error(`the PDF thread stopped (exit code ${code})`))
    })
    // The thread holds the process open only while it has work.
    w.unref()
    worker = w
    return w
  }
  const draw = (input: ReceiptInput) => {
    const id = ++next
    return new Promise<Uint8Array>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      thread().postMessage({ id, input } satisfies DrawRequest)
    })
  }
  return {
    draw,
    async warm() {
      try {
        await draw(WARM_UP_RECEIPT)
      } catch (error) {
        if (!closed) throw error
      }
    },
    async close() {
      closed = true
      const w = worker
      worker = null
      if (w) await w.terminate()
    },
  }
}

/** The thread's side: answers each request with the receipt drawn (server/pdf-thread.ts wires it to its port). */
export async function answerDrawRequest(request: DrawRequest): Promise<{ answer: DrawAnswer; transfer: ArrayBuffer[] }> {
  try {
    const pdf = await renderReceipt(request.input)
    return { answer: { id: request.id, pdf }, transfer: pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? [pdf.buffer as ArrayBuffer] : [] }
  } catch (error) {
    return { answer: { id: request.id, error: error instanceof Error ? error.message : String(error) }, transfer: [] }
  }
}

// The thread that draws the submissions' receipts (app/modules/documents/thread.ts, ADR 028): bundled to
// build/pdf-thread.js next to build/server.js, started by the server when it starts (a first receipt drawn then, for
// nobody: ReceiptDrawer.warm).
import { parentPort } from 'node:worker_threads'
import { answerDrawRequest, type DrawRequest } from '../app/modules/documents/thread'

if (!parentPort) throw new Error('pdf-thread.js runs as a worker thread of the server')
const port = parentPort
port.on('message', (request: DrawRequest) => {
  void answerDrawRequest(request).then(({ answer, transfer }) => port.postMessage(answer, transfer))
})

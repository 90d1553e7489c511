import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// @ts-expect-error: the package ships no types (its API: new S3rver(options).run() / .close())
import S3rver from '@20minutes/s3rver'

// A real S3-compatible server on loopback for the tests (the npm package @20minutes/s3rver, pinned): a bucket in
// a temporary folder, the server's default credentials. The S3 store (ADR 023) talks to it over HTTP exactly as
// it talks to a provider's.

export interface S3Server {
  /** http://127.0.0.1:<port> */
  endpoint: string
  bucket: string
  /** Where the server keeps the bucket's objects (a test corrupts one there). */
  directory: string
  /** The portal's settings for this server (FILE_STORAGE=s3 …). */
  env: Record<string, string>
  close(): Promise<void>
}

export async function startS3Server(bucket = 'quy-khcn-test'): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'fund-s3-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
  const { port } = (await server.run()) as { port: number }
  const endpoint = `http://127.0.0.1:${port}`
  return {
    endpoint,
    bucket,
    directory,
    env: {
      FILE_STORAGE: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    async close() {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}

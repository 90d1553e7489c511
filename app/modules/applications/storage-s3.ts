import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, type Readable, Transform } from 'node:stream'
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { type FileStorage, spool, STORAGE_KEY, type StorageSettings } from './storage'

// The S3-compatible store (ADR 023): the same content-addressed keys as the local folder, in a bucket, so every
// instance of the portal sees every file. An upload is received into a temporary file first (its sha256 names
// it, and `check` reads parts of it), then streamed to the bucket with its MD5 and SHA-256 for the server to
// verify, and the answer's ETag compared with the MD5. A download is streamed and its SHA-256 compared with the
// one its key names: a corrupted or substituted object fails the stream instead of reaching a user.

export interface S3StoreOptions {
  bucket: string
  endpoint?: string
  region: string
  accessKeyId?: string
  secretAccessKey?: string
  forcePathStyle: boolean
  /** A key prefix inside the bucket ('' or folder names each ending in /). */
  prefix: string
  /** Where uploads are received before they go to the bucket (default the system's temporary folder). */
  tmpDir?: string
}

export function s3OptionsOf(env: StorageSettings): S3StoreOptions {
  if (!env.S3_BUCKET) throw new Error('FILE_STORAGE=s3 needs S3_BUCKET')
  const flag = env.S3_FORCE_PATH_STYLE
  return {
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION ?? 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: flag === undefined ? Boolean(env.S3_ENDPOINT) : flag === 'true' || flag === '1',
    prefix: env.S3_PREFIX ?? '',
    tmpDir: join(env.DATA_DIR, 'tmp'),
  }
}

export class ChecksumMismatchError extends Error {
  constructor(key: string, what: string) {
    super(`stored file ${key}: ${what}`)
    this.name = 'ChecksumMismatchError'
  }
}

const notFound = (error: unknown) =>
  error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey')

/** Passes the bytes through and fails the stream at its end unless their sha256 is `expected` (hex). */
function verifying(key: string, expected: string, size: number | undefined) {
  const hash = createHash('sha256')
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      seen += chunk.length
      done(null, chunk)
    },
    flush(done) {
      if (size !== undefined && seen !== size) return done(new ChecksumMismatchError(key, `${seen} bytes received, ${size} announced`))
      const actual = hash.digest('hex')
      done(actual === expected ? null : new ChecksumMismatchError(key, `sha256 ${actual} instead of ${expected}`))
    },
  })
}

export function s3Storage(options: S3StoreOptions): FileStorage {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
    // Checksums are given explicitly (Content-MD5, x-amz-checksum-sha256) and verified by this module, so the
    // SDK's own default (a CRC32 trailer in aws-chunked encoding) is not needed, which S3-compatible servers
    // other than AWS do not all accept.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const tmpDir = options.tmpDir ?? join(tmpdir(), 'fund-s3-uploads')
  const objectKey = (key: string) => {
    if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${key}`)
    return `${options.prefix}${key}`
  }
  const size = async (key: string) => {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }))
      return head.ContentLength ?? null
    } catch (error) {
      if (notFound(error)) return null
      throw error
    }
  }

  return {
    async put(source, putOptions = {}) {
      const { tmp, md5, ...file } = await spool(source, tmpDir, putOptions)
      try {
        // Content-addressed: a file already there under its sha256 is the same file.
        if ((await size(file.key)) !== file.size) {
          const answer = await client.send(
            new PutObjectCommand({
              Bucket: options.bucket,
              Key: objectKey(file.key),
              Body: createReadStream(tmp),
              ContentLength: file.size,
              ContentMD5: md5,
              ChecksumSHA256: Buffer.from(file.sha256, 'hex').toString('base64'),
              ContentType: 'application/octet-stream',
            }),
          )
          const etag = answer.ETag?.replace(/"/g, '')
          const md5Hex = Buffer.from(md5, 'base64').toString('hex')
          // A single-part upload's ETag is the MD5 of the body on S3 and the compatible servers (unless the bucket
          // encrypts with KMS, when it is opaque and the server's own Content-MD5 check stands).
          if (etag && /^[0-9a-f]{32}$/.test(etag) && etag !== md5Hex) throw new ChecksumMismatchError(file.key, `the server kept MD5 ${etag}, sent ${md5Hex}`)
        }
        return file
      } finally {
        await rm(tmp, { force: true })
      }
    },
    get(key) {
      const out = new PassThrough()
      const expected = key.split('/')[1]
      client
        .send(new GetObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }))
        .then((answer) => {
          const body = answer.Body as Readable | undefined
          if (!body) throw new Error(`stored file ${key}: no body`)
          body.on('error', (error) => out.destroy(error))
          const check = verifying(key, expected, answer.ContentLength)
          check.on('error', (error) => out.destroy(error))
          body.pipe(check).pipe(out)
        })
        .catch((error: unknown) => {
          const e = notFound(error) ? Object.assign(new Error(`stored file ${key} is not in the bucket`), { code: 'ENOENT' }) : error
          out.destroy(e as Error)
        })
      return out
    },
    size,
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }))
    },
  }
}

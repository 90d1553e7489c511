import { createHash } from 'node:crypto'
import { once } from 'node:events'
import type { Writable } from 'node:stream'

// The archive's container: POSIX ustar, which every `tar` reads (`tar tzf backup.tar.gz`). Only what a
// backup needs: regular files, names split into prefix/name when over 100 bytes, sizes past 8 GiB in GNU's
// base-256 form. Written and read as streams, so no file is ever held whole in memory.

const BLOCK = 512
const MAX_OCTAL_SIZE = 0o77777777777

export class ArchiveError extends Error {}

function writeString(header: Uint8Array, text: string, at: number, length: number) {
  const bytes = new TextEncoder().encode(text)
  if (bytes.length > length) throw new ArchiveError(`name too long for the archive: ${text}`)
  header.set(bytes, at)
}

const writeOctal = (header: Uint8Array, value: number, at: number, length: number) =>
  writeString(header, `${value.toString(8).padStart(length - 1, '0')}\0`, at, length)

/** A ustar header for a regular file. */
export function tarHeader(path: string, size: number, mtime = new Date()): Uint8Array {
  const header = new Uint8Array(BLOCK)
  let name = path
  let prefix = ''
  if (new TextEncoder().encode(path).length > 100) {
    const cut = path.lastIndexOf('/', 155)
    if (cut <= 0 || new TextEncoder().encode(path.slice(cut + 1)).length > 100) throw new ArchiveError(`name too long for the archive: ${path}`)
    prefix = path.slice(0, cut)
    name = path.slice(cut + 1)
  }
  writeString(header, name, 0, 100)
  writeOctal(header, 0o644, 100, 8)
  writeOctal(header, 0, 108, 8)
  writeOctal(header, 0, 116, 8)
  if (size <= MAX_OCTAL_SIZE) writeOctal(header, size, 124, 12)
  else {
    // GNU base-256: the high bit of the first byte set, the size big-endian in the rest.
    header[124] = 0x80
    let rest = size
    for (let i = 135; i > 124; i--) {
      header[i] = rest % 256
      rest = Math.floor(rest / 256)
    }
  }
  writeOctal(header, Math.floor(mtime.getTime() / 1000), 136, 12)
  header[156] = 0x30 // '0': a regular file
  writeString(header, 'ustar\0', 257, 6)
  writeString(header, '00', 263, 2)
  writeString(header, prefix, 345, 155)
  header.fill(0x20, 148, 156)
  const sum = header.reduce((n, b) => n + b, 0)
  writeString(header, `${sum.toString(8).padStart(6, '0')}\0 `, 148, 8)
  return header
}

/** Writes a chunk, waiting for the stream to drain when it asks to (an error of the stream rejects). */
async function write(out: Writable, chunk: Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain')
}

/** Writes ustar entries to a stream; `end()` adds the two empty blocks that close an archive. */
export class TarWriter {
  constructor(private readonly out: Writable) {}

  /** One file from a source of chunks that must add up to `size` bytes; returns its sha256. */
  async add(path: string, size: number, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, mtime?: Date): Promise<string> {
    await write(this.out, tarHeader(path, size, mtime))
    const hash = createHash('sha256')
    let written = 0
    for await (const chunk of source) {
      written += chunk.byteLength
      if (written > size) break
      hash.update(chunk)
      await write(this.out, chunk)
    }
    if (written !== size) throw new ArchiveError(`${path} changed while it was archived (${written} bytes instead of ${size})`)
    const padding = (BLOCK - (size % BLOCK)) % BLOCK
    if (padding) await write(this.out, new Uint8Array(padding))
    return hash.digest('hex')
  }

  async end(): Promise<void> {
    await write(this.out, new Uint8Array(2 * BLOCK))
    this.out.end()
  }
}

/** Bytes pulled exactly from a stream of chunks. */
class Pull {
  private buffered: Uint8Array[] = []
  private length = 0
  private readonly iterator: AsyncIterator<Uint8Array>

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]()
  }

  /** Up to `max` bytes (at least one), or null at the end of the stream. */
  async some(max: number): Promise<Uint8Array | null> {
    if (!this.length) {
      const next = await this.iterator.next()
      if (next.done) return null
      this.buffered.push(next.value)
      this.length += next.value.byteLength
    }
    const first = this.buffered[0]
    const take = Math.min(max, first.byteLength)
    const out = first.subarray(0, take)
    if (take === first.byteLength) this.buffered.shift()
    else this.buffered[0] = first.subarray(take)
    this.length -= take
    return out
  }

  /** Exactly `n` bytes; an error if the stream ends first. */
  async exactly(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n)
    let at = 0
    while (at < n) {
      const part = await this.some(n - at)
      if (!part) throw new ArchiveError('the archive ends in the middle of a file (truncated?)')
      out.set(part, at)
      at += part.byteLength
    }
    return out
  }
}

function readString(header: Uint8Array, at: number, length: number) {
  const bytes = header.subarray(at, at + length)
  const end = bytes.indexOf(0)
  return new TextDecoder().decode(end >= 0 ? bytes.subarray(0, end) : bytes)
}

function readSize(header: Uint8Array): number {
  if (header[124] & 0x80) {
    let size = 0
    for (let i = 125; i < 136; i++) size = size * 256 + header[i]
    return size
  }
  return parseInt(readString(header, 124, 12).trim() || '0', 8)
}

export interface TarEntry {
  path: string
  size: number
  /** The entry's content, in chunks: read it whole before asking for the next entry. */
  content: AsyncIterable<Uint8Array>
}

/** The regular files of a ustar archive, in order. Anything else (links, devices, a bad checksum) is an error. */
export async function* readTar(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarEntry> {
  const pull = new Pull(source)
  for (;;) {
    const header = await pull.exactly(BLOCK)
    if (header.every((b) => b === 0)) return
    const stored = parseInt(readString(header, 148, 8).trim(), 8)
    const sum = header.reduce((n, b, i) => n + (i >= 148 && i < 156 ? 0x20 : b), 0)
    if (stored !== sum) throw new ArchiveError('not a backup archive (bad tar header checksum)')
    const type = header[156]
    if (type !== 0x30 && type !== 0) throw new ArchiveError('the archive holds something other than plain files')
    const prefix = readString(header, 345, 155)
    const name = readString(header, 0, 100)
    const path = prefix ? `${prefix}/${name}` : name
    const size = readSize(header)
    let left = size
    let consumed = false
    const content = (async function* () {
      while (left > 0) {
        const part = await pull.some(left)
        if (!part) throw new ArchiveError('the archive ends in the middle of a file (truncated?)')
        left -= part.byteLength
        yield part
      }
      consumed = true
    })()
    yield { path, size, content }
    if (!consumed) for await (const _ of content);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK
    if (padding) await pull.exactly(padding)
  }
}

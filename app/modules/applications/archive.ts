import { inflateRawSync } from 'node:zlib'
import { Inflate } from 'fflate'
import { EXECUTABLE_SIGNATURES, startsWith } from './sniff'

// What a zip-based upload (Word, Excel, PowerPoint, a plain zip) holds, read from its central directory
// without unpacking it: programs and scripts (by name, and by the first bytes of each entry), macros, a
// declared size far beyond the file's (a zip bomb), or a structure that does not hold together.

/** Reads `length` bytes of the file from `offset` (fewer at its end). */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>

export type ArchiveVerdict =
  | { ok: true; entries: number }
  | { ok: false; reason: 'executable'; names: string[] }
  | { ok: false; reason: 'macros' | 'bomb' | 'broken' }

/** How many times its own size an archive may expand to, in total. */
export const MAX_EXPANSION = 100
/** More entries than any document has: the cap on the work one upload can ask for. */
const MAX_ENTRIES = 10_000

// Programs and scripts Windows, macOS, Linux or a JVM would run when opened.
const RUNNABLE = new Set(
  'exe dll com bat cmd ps1 psm1 psd1 js jse mjs vbs vbe vb wsf wsc wsh hta jar msi msp mst scr sh bash pif cpl lnk reg inf sct shb ocx sys drv gadget msc application appref-ms app command apk'.split(' '),
)
// Office files that carry macros, by their extension.
const MACRO_FILES = new Set('docm dotm xlsm xltm xlam xlsb pptm potm ppsm ppam sldm'.split(' '))
const MACRO_CONTENT_TYPE = /macroEnabled|vbaProject|vbaData|macrosheet/i

class Broken extends Error {}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8)
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32

interface Entry {
  name: string
  flags: number
  method: number
  compressedSize: number
  size: number
  localOffset: number
}

/** The end-of-central-directory record: where the directory is and how many entries it lists (ZIP64 too). */
async function directoryOf(read: ReadAt, fileSize: number) {
  const tailLength = Math.min(fileSize, 22 + 0xffff)
  const tail = await read(fileSize - tailLength, tailLength)
  let at = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(tail, i) === 0x06054b50 && i + 22 + u16(tail, i + 20) === tail.length) {
      at = i
      break
    }
  }
  if (at < 0) throw new Broken('no end of central directory')
  let count = u16(tail, at + 10)
  let size = u32(tail, at + 12)
  let offset = u32(tail, at + 16)
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    // ZIP64: a locator just before the record points at the ZIP64 end record.
    const locator = at - 20
    if (locator < 0 || u32(tail, locator) !== 0x07064b50) throw new Broken('no ZIP64 locator')
    const record = await read(u64(tail, locator + 8), 56)
    if (record.length < 56 || u32(record, 0) !== 0x06064b50) throw new Broken('no ZIP64 end record')
    count = u64(record, 32)
    size = u64(record, 40)
    offset = u64(record, 48)
  }
  if (count > MAX_ENTRIES || offset + size > fileSize) throw new Broken('directory out of bounds')
  return { count, size, offset }
}

function parseDirectory(bytes: Uint8Array, count: number): Entry[] {
  const decoder = new TextDecoder('utf-8', { fatal: false })
  const entries: Entry[] = []
  let at = 0
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw new Broken('bad central directory entry')
    const nameLength = u16(bytes, at + 28)
    const extraLength = u16(bytes, at + 30)
    const commentLength = u16(bytes, at + 32)
    const end = at + 46 + nameLength + extraLength + commentLength
    if (end > bytes.length) throw new Broken('central directory entry out of bounds')
    const entry: Entry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: u16(bytes, at + 8),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
    }
    // ZIP64 extra field: the 64-bit values, in this order, of those whose 32-bit field is saturated.
    const extra = bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength)
    for (let e = 0; e + 4 <= extra.length; e += 4 + u16(extra, e + 2)) {
      if (u16(extra, e) !== 0x0001) continue
      let v = e + 4
      for (const field of ['size', 'compressedSize', 'localOffset'] as const) {
        if (entry[field] !== 0xffffffff) continue
        if (v + 8 > extra.length) throw new Broken('short ZIP64 field')
        entry[field] = u64(extra, v)
        v += 8
      }
    }
    entries.push(entry)
    at = end
  }
  return entries
}

/** How many leading bytes of an entry are looked at (the longest program signature is 4). */
const HEAD_BYTES = 16

/**
 * The first bytes of an entry's content, inflating its compressed bytes a few at a time and stopping as soon
 * as there are enough: an entry that inflates a thousandfold costs no more than any other.
 */
function firstBytes(entry: Entry, data: Uint8Array): Uint8Array {
  if (entry.method === 0) return data.subarray(0, HEAD_BYTES)
  if (entry.method !== 8) throw new Broken(`compression method ${entry.method}`)
  const head = new Uint8Array(HEAD_BYTES)
  let got = 0
  const inflater = new Inflate((chunk) => {
    const take = Math.min(chunk.length, HEAD_BYTES - got)
    head.set(chunk.subarray(0, take), got)
    got += take
  })
  try {
    for (let at = 0; at < data.length && got < HEAD_BYTES; at += 16) inflater.push(data.subarray(at, at + 16))
  } catch {
    throw new Broken('entry does not inflate')
  }
  return head.subarray(0, got)
}

/** The whole content of a small entry ([Content_Types].xml), refused past `max` bytes. */
function wholeContent(entry: Entry, data: Uint8Array, max: number): string {
  if (entry.size > max) throw new Broken('content types too large')
  let bytes: Uint8Array
  if (entry.method === 0) bytes = data
  else if (entry.method === 8) {
    try {
      bytes = inflateRawSync(data, { maxOutputLength: max })
    } catch {
      throw new Broken('content types do not inflate')
    }
  } else throw new Broken(`compression method ${entry.method}`)
  return new TextDecoder().decode(bytes)
}

const extensionOf = (name: string) => {
  const base = name.split('/').pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}
const baseName = (name: string) => name.split(/[/\\]/).pop() ?? name

/**
 * Opens a zip-based file through its central directory and says whether it may be kept. Reads the directory,
 * each entry's local header and its first compressed bytes, and [Content_Types].xml whole (it is small): never
 * the rest of the content.
 */
export async function inspectArchive(read: ReadAt, fileSize: number): Promise<ArchiveVerdict> {
  try {
    const directory = await directoryOf(read, fileSize)
    const entries = parseDirectory(await read(directory.offset, directory.size), directory.count)
    const declared = entries.reduce((n, e) => n + e.size, 0)
    if (declared > MAX_EXPANSION * fileSize) return { ok: false, reason: 'bomb' }

    const runnable = new Set<string>()
    let macros = false
    // Entries laid end to end, none inside another (overlapping entries are how the worst bombs are made).
    let previousEnd = 0
    for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
      if (entry.flags & 1) throw new Broken('encrypted entry')
      if (entry.localOffset < previousEnd) throw new Broken('overlapping entries')
      const header = await read(entry.localOffset, 30)
      if (header.length < 30 || u32(header, 0) !== 0x04034b50) throw new Broken('bad local header')
      const dataStart = entry.localOffset + 30 + u16(header, 26) + u16(header, 28)
      previousEnd = dataStart + entry.compressedSize
      if (previousEnd > fileSize) throw new Broken('entry out of bounds')
      if (entry.name.endsWith('/')) continue

      const name = baseName(entry.name)
      const extension = extensionOf(entry.name)
      if (RUNNABLE.has(extension)) runnable.add(name)
      if (MACRO_FILES.has(extension) || /^vbaProject\.bin$|^vbaData\.xml$/i.test(name) || /(^|\/)macrosheets\//i.test(entry.name)) macros = true
      if (entry.name === '[Content_Types].xml') {
        const types = wholeContent(entry, await read(dataStart, entry.compressedSize), 1024 * 1024)
        if (MACRO_CONTENT_TYPE.test(types)) macros = true
        continue
      }
      if (entry.size === 0) continue
      const head = firstBytes(entry, await read(dataStart, Math.min(entry.compressedSize, 256)))
      if (EXECUTABLE_SIGNATURES.some((sig) => startsWith(head, sig))) runnable.add(name)
    }
    if (runnable.size) return { ok: false, reason: 'executable', names: [...runnable] }
    if (macros) return { ok: false, reason: 'macros' }
    return { ok: true, entries: entries.length }
  } catch (error) {
    if (error instanceof Broken) return { ok: false, reason: 'broken' }
    throw error
  }
}

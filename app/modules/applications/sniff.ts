// Pure: what a file really is, from its first bytes, whatever its name says. Executables are refused by name
// of their format; anything not recognised is refused too (the portal accepts a short list of document types).

export const FILE_TYPES = ['pdf', 'docx', 'xlsx', 'jpg', 'png', 'zip'] as const
export type FileType = (typeof FILE_TYPES)[number]

export const MEDIA_TYPES: Record<FileType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
  zip: 'application/zip',
}

export type Sniffed = { ok: true; type: FileType; mediaType: string } | { ok: false; reason: 'executable' | 'unknown' }

/** How many leading bytes sniffing looks at (enough for the first entries of an Office file). */
export const SNIFF_BYTES = 256 * 1024

/** Types stored as zip archives: opened and checked inside before they are kept (archive.ts). */
export const ARCHIVE_TYPES: readonly FileType[] = ['docx', 'xlsx', 'zip']

export const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b)

/** The first bytes of programs: refused as a file, and inside an archive. */
export const EXECUTABLE_SIGNATURES: (readonly number[])[] = [
  [0x4d, 0x5a], // MZ: Windows PE / DOS
  [0x7f, 0x45, 0x4c, 0x46], // \x7fELF
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64
  [0xce, 0xfa, 0xed, 0xfe], // Mach-O 32, little-endian
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64, little-endian
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal (also Java class files)
  [0x23, 0x21], // #! script
]

const ok = (type: FileType): Sniffed => ({ ok: true, type, mediaType: MEDIA_TYPES[type] })

/** The names of the entries whose local file headers lie within these bytes of a zip archive. */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = []
  const decoder = new TextDecoder('utf-8', { fatal: false })
  for (let i = 0; i + 30 <= bytes.length; i++) {
    if (bytes[i] !== 0x50 || bytes[i + 1] !== 0x4b || bytes[i + 2] !== 0x03 || bytes[i + 3] !== 0x04) continue
    const nameLength = bytes[i + 26] | (bytes[i + 27] << 8)
    const start = i + 30
    if (nameLength === 0 || start + nameLength > bytes.length) continue
    names.push(decoder.decode(bytes.subarray(start, start + nameLength)))
    i = start + nameLength - 1
  }
  return names
}

/** The real type of a file from its first bytes (pass at least SNIFF_BYTES when there are that many). */
export function sniff(head: Uint8Array): Sniffed {
  if (EXECUTABLE_SIGNATURES.some((sig) => startsWith(head, sig))) return { ok: false, reason: 'executable' }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return ok('pdf') // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ok('png')
  if (startsWith(head, [0xff, 0xd8, 0xff])) return ok('jpg')
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(head)
    if (names.includes('[Content_Types].xml')) {
      if (names.some((n) => n.startsWith('word/'))) return ok('docx')
      if (names.some((n) => n.startsWith('xl/'))) return ok('xlsx')
    }
    return ok('zip')
  }
  return { ok: false, reason: 'unknown' }
}

/** The type a stored media type stands for, if it is one the portal accepts. */
export function typeOfMedia(mediaType: string): FileType | null {
  return FILE_TYPES.find((t) => MEDIA_TYPES[t] === mediaType) ?? null
}

/**
 * The name with the extension of the file's real type: "poly.html" holding a PDF is "poly.pdf", so that
 * whoever opens the download opens a PDF. An extension is a short run of letters and digits after the last
 * dot ("bản 3.2025" has none, and becomes "bản 3.2025.pdf").
 */
export function withExtensionOf(type: FileType, filename: string): string {
  const dot = filename.lastIndexOf('.')
  const extension = dot > 0 ? filename.slice(dot + 1).toLowerCase() : ''
  if (extension === type || (type === 'jpg' && extension === 'jpeg')) return filename
  const stem = /^(?=.*[a-z])[a-z0-9]{1,8}$/.test(extension) ? filename.slice(0, dot) : filename
  return `${stem}.${type}`
}

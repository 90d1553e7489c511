// Safe for the browser: Vietnamese identifiers (tax code, citizen ID, phone numbers), checked without a server.

/** Separators people type in a tax code or phone number but the portal does not store. */
const SEPARATORS = /[\s.\-–—]/g

/** A tax code as stored: the digits only (10, or 13 for a branch). Anything else comes back stripped but unchanged. */
export function normaliseTaxCode(input: string): string {
  return input.replace(SEPARATORS, '')
}

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3]

/** The check digit of a tax code's first nine digits, or null when the rule gives 10 (no code can have it). */
export function taxCodeCheckDigit(firstNine: string): number | null {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i] * Number(firstNine[i])
  const check = 10 - (sum % 11)
  return check === 10 ? null : check
}

/**
 * A tax code (mã số thuế): 10 digits, or 10 + 3 for a branch ("0314409058-002"), separators allowed.
 * The tenth digit is the check digit; digits 3–9 are not all zero; a branch suffix is not 000.
 */
export function isValidTaxCode(input: string): boolean {
  const code = normaliseTaxCode(input)
  if (!/^\d{10}(\d{3})?$/.test(code)) return false
  if (/^0{7}$/.test(code.slice(2, 9))) return false
  if (code.length === 13 && code.slice(10) === '000') return false
  const check = taxCodeCheckDigit(code.slice(0, 9))
  return check !== null && check === Number(code[9])
}

/** A tax code for people to read: "0314409058-002" for a branch, the ten digits otherwise. */
export function formatTaxCode(code: string): string {
  return code.length === 13 ? `${code.slice(0, 10)}-${code.slice(10)}` : code
}

/**
 * The province codes that open a citizen ID number (Circular 07/2016/TT-BCA, the 63 provinces before the
 * 2025 merger: numbers issued then keep them).
 */
const CCCD_PROVINCES = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
])

/** A citizen ID number (CCCD): 12 digits, a real province code, a century/gender digit, birth year, serial. */
export function isValidCitizenId(input: string): boolean {
  const id = input.replace(/\s/g, '')
  return /^\d{12}$/.test(id) && CCCD_PROVINCES.has(id.slice(0, 3))
}

/** A phone number as stored: digits only, the +84 / 84 prefix written as the leading 0. */
export function normaliseVnPhone(input: string): string {
  const digits = input.replace(/[\s.\-–—()]/g, '')
  if (digits.startsWith('+84')) return `0${digits.slice(3)}`
  if (digits.startsWith('0084')) return `0${digits.slice(4)}`
  return digits
}

/**
 * A Vietnamese phone number: a 10-digit mobile (03, 05, 07, 08, 09) or a landline (02 + area code, 11 digits),
 * also in the +84 form without the leading 0.
 */
export function isValidVnPhone(input: string): boolean {
  const phone = normaliseVnPhone(input)
  return /^0[35789]\d{8}$/.test(phone) || /^02\d{9}$/.test(phone)
}

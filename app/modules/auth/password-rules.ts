// Shared by the browser and the server: no server imports here.

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 128

// The most common passwords (from public breach lists) and local words a user might pick; length alone
// does not stop these. Compared in lower case with spaces removed.
const COMMON = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '0000000000', '123456789a', 'a123456789',
  'qwertyuiop', 'qwerty1234', 'qwerty12345', 'password12', 'password123', 'password1234', 'passw0rd12',
  'iloveyou12', 'abc1234567', 'abcd123456', 'abcdefghij', '1q2w3e4r5t', '1qaz2wsx3edc', 'zaq12wsxcde',
  'matkhau123', 'matkhau1234', 'matkhaumoi', '123456789@', 'admin12345', 'administrator', 'welcome123',
  'daklak1234', 'daklak12345', 'buonmathuot', 'buonmathuot1', 'vietnam123', 'vietnam1234', 'anhyeuem123',
  'khongbiet123', 'quykhcn123', 'quykhoahoc', 'khoahoccongnghe', 'changeme12', 'letmein123', 'trustno1234',
])

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail' | 'repetitive'

/**
 * The strength rule (NIST SP 800-63B): long enough, not a known common password, not the user's
 * own e-mail name, not one character repeated. No composition rules: they make passwords worse.
 */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const chars = [...password]
  if (chars.length < PASSWORD_MIN) return 'tooShort'
  if (chars.length > PASSWORD_MAX) return 'tooLong'
  const flat = password.toLowerCase().replace(/\s+/g, '')
  if (COMMON.has(flat)) return 'common'
  if (new Set(chars).size <= 2) return 'repetitive'
  const local = email?.split('@')[0]?.toLowerCase()
  if (local && local.length >= 4 && flat.includes(local)) return 'containsEmail'
  return null
}

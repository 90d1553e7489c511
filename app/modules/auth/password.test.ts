import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password'
import { passwordProblem } from './password-rules'
import { changePasswordSchema, registerSchema } from './schemas'

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('mật khẩu rất dài 2026', 14)
    expect(hash).toMatch(/^scrypt\$14\$8\$1\$/)
    expect(await verifyPassword('mật khẩu rất dài 2026', hash)).toBe(true)
    expect(await verifyPassword('mật khẩu rất dài 2027', hash)).toBe(false)
    expect(await verifyPassword('anything', null)).toBe(false)
    expect(await verifyPassword('anything', 'garbage')).toBe(false)
  })

  it('salts each hash', async () => {
    expect(await hashPassword('same password 123', 14)).not.toBe(await hashPassword('same password 123', 14))
  })

  it('treats composed and decomposed Vietnamese as the same password', async () => {
    const hash = await hashPassword('Đắk Lắk mùa cà phê'.normalize('NFC'), 14)
    expect(await verifyPassword('Đắk Lắk mùa cà phê'.normalize('NFD'), hash)).toBe(true)
  })
})

describe('the password strength rule', () => {
  it.each([
    ['short', 'tooShort'],
    ['1234567890', 'common'],
    ['MatKhau123', 'common'],
    ['aaaaaaaaaaaa', 'repetitive'],
    ['ababababab', 'repetitive'],
    ['nhung.nguyen2026', 'containsEmail'],
    ['x'.repeat(129) + 'yz', 'tooLong'],
  ])('%s → %s', (password, problem) => {
    expect(passwordProblem(password, 'nhung.nguyen@example.vn')).toBe(problem)
  })

  it('accepts a passphrase', () => {
    expect(passwordProblem('cà phê sáng ở Buôn Ma Thuột', 'a@b.vn')).toBeNull()
  })
})

describe('form schemas', () => {
  it('normalise the e-mail address and name', () => {
    const r = registerSchema.parse({ fullName: '  Nguyễn   Thị  Hồng Nhung ', email: ' Nhung@Example.VN ', password: 'một hai ba bốn năm' })
    expect(r.email).toBe('nhung@example.vn')
    expect(r.fullName).toBe('Nguyễn Thị Hồng Nhung')
  })

  it('return catalogue keys as messages', () => {
    const r = registerSchema.safeParse({ fullName: '', email: 'not-an-email', password: '123' })
    expect(r.success).toBe(false)
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]))
    expect(messages).toEqual({
      fullName: 'validation.fullName.required',
      email: 'validation.email.invalid',
      password: 'validation.password.tooShort',
    })
  })

  it('refuse a new password equal to the current one', () => {
    const r = changePasswordSchema.safeParse({ currentPassword: 'một hai ba bốn năm', newPassword: 'một hai ba bốn năm' })
    expect(r.error?.issues[0]).toMatchObject({ path: ['newPassword'], message: 'validation.password.sameAsCurrent' })
  })
})

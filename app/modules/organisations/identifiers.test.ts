import { describe, expect, it } from 'vitest'
import { formatTaxCode, isValidCitizenId, isValidTaxCode, isValidVnPhone, normaliseTaxCode, normaliseVnPhone, taxCodeCheckDigit } from './identifiers'
import { organisationSchema } from './schemas'

describe('tax codes (mã số thuế)', () => {
  it('accepts the public test vectors and refuses the altered one', () => {
    expect(isValidTaxCode('0100233488')).toBe(true)
    expect(isValidTaxCode('0314409058-002')).toBe(true)
    expect(isValidTaxCode('0100233480')).toBe(false)
  })

  it('computes the check digit with the weights 31, 29, 23, 19, 17, 13, 7, 5, 3', () => {
    expect(taxCodeCheckDigit('010023348')).toBe(8)
    expect(taxCodeCheckDigit('031440905')).toBe(8)
  })

  it('refuses every code whose check rule gives 10', () => {
    // 0,0,0,0,0,0,0,1,2 → 5 + 6 = 11, 11 mod 11 = 0 → check 10: no tenth digit can match
    expect(taxCodeCheckDigit('000000012')).toBeNull()
    for (let d = 0; d <= 9; d++) expect(isValidTaxCode(`000000012${d}`)).toBe(false)
  })

  it('reads the branch form and the separators people type', () => {
    expect(isValidTaxCode('0314409058002')).toBe(true)
    expect(isValidTaxCode(' 0314.409.058 - 002 ')).toBe(true)
    expect(isValidTaxCode('0100 233 488')).toBe(true)
    expect(isValidTaxCode('01-00-23-34-88')).toBe(true)
    expect(normaliseTaxCode('0314 409.058-002')).toBe('0314409058002')
    expect(formatTaxCode('0314409058002')).toBe('0314409058-002')
    expect(formatTaxCode('0100233488')).toBe('0100233488')
  })

  it('refuses a branch suffix of 000, the wrong length and non-digits', () => {
    expect(isValidTaxCode('0314409058-000')).toBe(false)
    expect(isValidTaxCode('0314409058-02')).toBe(false)
    expect(isValidTaxCode('031440905')).toBe(false)
    expect(isValidTaxCode('03144090581')).toBe(false)
    expect(isValidTaxCode('03144O9058')).toBe(false)
    expect(isValidTaxCode('')).toBe(false)
  })

  it('refuses digits 3–9 all zero, even with a matching check digit', () => {
    // 1,2,0,0,0,0,0,0,0 → 31 + 58 = 89, 89 mod 11 = 1 → check 9
    expect(taxCodeCheckDigit('120000000')).toBe(9)
    expect(isValidTaxCode('1200000009')).toBe(false)
  })
})

describe('citizen ID numbers (CCCD)', () => {
  it('accepts 12 digits opening with a real province code', () => {
    expect(isValidCitizenId('066095000123')).toBe(true) // Đắk Lắk
    expect(isValidCitizenId('001200012345')).toBe(true) // Hà Nội, born in the 2000s
    expect(isValidCitizenId('096185999999')).toBe(true) // Cà Mau
    expect(isValidCitizenId('066 095 000 123')).toBe(true)
  })

  it('refuses unknown province codes and wrong lengths', () => {
    expect(isValidCitizenId('000095000123')).toBe(false)
    expect(isValidCitizenId('003095000123')).toBe(false) // 003 was never a province code
    expect(isValidCitizenId('097095000123')).toBe(false)
    expect(isValidCitizenId('06609500012')).toBe(false)
    expect(isValidCitizenId('0660950001234')).toBe(false)
    expect(isValidCitizenId('06609500012a')).toBe(false)
  })
})

describe('phone numbers', () => {
  it('accepts 10-digit mobiles and the +84 form', () => {
    for (const p of ['0912345678', '0352 123 456', '0512.345.678', '0788-123-456', '0868123456', '+84912345678', '+84 912 345 678']) {
      expect(isValidVnPhone(p), p).toBe(true)
    }
    expect(normaliseVnPhone('+84 912 345 678')).toBe('0912345678')
  })

  it('accepts landlines with their area code (11 digits from 02)', () => {
    expect(isValidVnPhone('02623852123')).toBe(true)
    expect(isValidVnPhone('0262 3852 123')).toBe(true)
    expect(isValidVnPhone('+84 262 3852 123')).toBe(true)
  })

  it('refuses other prefixes and lengths', () => {
    for (const p of ['0112345678', '0412345678', '0612345678', '091234567', '09123456789', '0262385212', '+8491234567', 'không có', '']) {
      expect(isValidVnPhone(p), p).toBe(false)
    }
  })
})

describe('the organisation form', () => {
  const valid = {
    type: 'enterprise',
    name: '  Công ty  TNHH Cà phê Buôn Ma Thuột ',
    identifier: '0314 409 058-002',
    addressLine: '15 Lê Duẩn',
    wardCode: '001',
    legalRepName: 'Nguyễn Thị Hồng Nhung',
    legalRepTitle: 'Giám đốc',
    phone: '+84 912 345 678',
    email: 'Lien.He@CaPhe.vn',
    website: 'caphe.vn',
  }
  const errorsOf = (input: Record<string, string>) => {
    const r = organisationSchema.safeParse(input)
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]))
  }

  it('stores what was typed in one form: digits only, a normalised phone, lower-case email, a full web address', () => {
    const r = organisationSchema.parse(valid)
    expect(r).toMatchObject({ name: 'Công ty TNHH Cà phê Buôn Ma Thuột', identifier: '0314409058002', phone: '0912345678', email: 'lien.he@caphe.vn', website: 'https://caphe.vn' })
    expect(organisationSchema.parse({ ...valid, website: '' }).website).toBe('')
  })

  it('lets individuals and households use a citizen ID, not other types', () => {
    expect(organisationSchema.safeParse({ ...valid, type: 'individual', identifier: '066095000123' }).success).toBe(true)
    expect(organisationSchema.safeParse({ ...valid, type: 'household', identifier: '066095000123' }).success).toBe(true)
    expect(errorsOf({ ...valid, identifier: '066095000123' })).toEqual({ identifier: 'org.validation.identifier.taxCodeRequired' })
    expect(organisationSchema.safeParse({ ...valid, type: 'individual', identifier: '0100233488' }).success).toBe(true)
  })

  it('names each problem with a catalogue key', () => {
    expect(errorsOf({ ...valid, identifier: '0100233480' })).toEqual({ identifier: 'org.validation.taxCode.invalid' })
    expect(errorsOf({ ...valid, identifier: '12345' })).toEqual({ identifier: 'org.validation.taxCode.format' })
    expect(errorsOf({ ...valid, type: 'individual', identifier: '999095000123' })).toEqual({ identifier: 'org.validation.citizenId.invalid' })
    expect(errorsOf({ ...valid, phone: '0123' })).toEqual({ phone: 'org.validation.phone.invalid' })
    expect(errorsOf({ ...valid, website: 'javascript:alert(1)' })).toEqual({ website: 'org.validation.website.invalid' })
    expect(errorsOf({})).toMatchObject({
      type: 'org.validation.type.required',
      name: 'org.validation.name.required',
      identifier: 'org.validation.identifier.required',
      wardCode: 'org.validation.ward.required',
      email: 'validation.email.required',
    })
  })
})

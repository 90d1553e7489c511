import { describe, expect, it } from 'vitest'
import { cookieIsSecure, parseEnv } from './env.server'

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const env = parseEnv({})
    expect(env.PORT).toBe(3000)
    expect(env.APP_URL).toBe('http://localhost:3000')
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.DATA_DIR).toBe('data')
    expect(cookieIsSecure(env)).toBe(false)
  })

  it('fails with one clear message listing every bad variable', () => {
    expect(() => parseEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://x' })).toThrowError(
      /Invalid configuration[\s\S]*PORT[\s\S]*DATABASE_URL: DATABASE_URL must start with postgres[\s\S]*SMTP_URL/,
    )
  })

  it('requires https in production, except on localhost', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', APP_URL: 'http://quy.daklak.gov.vn' })).toThrowError(/https/)
    expect(parseEnv({ NODE_ENV: 'production', APP_URL: 'http://localhost:3000' }).APP_URL).toBe('http://localhost:3000')
    expect(cookieIsSecure(parseEnv({ NODE_ENV: 'production', APP_URL: 'https://quy.daklak.gov.vn/' }))).toBe(true)
  })
})

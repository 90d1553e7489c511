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

  it("takes the background jobs' lease and poll, and refuses a lease too short to issue one item", () => {
    expect(parseEnv({})).toMatchObject({ JOBS_LEASE_SECONDS: 120, JOBS_POLL_MS: 2000 })
    expect(parseEnv({ JOBS_LEASE_SECONDS: '30', JOBS_POLL_MS: '500' })).toMatchObject({ JOBS_LEASE_SECONDS: 30, JOBS_POLL_MS: 500 })
    expect(() => parseEnv({ JOBS_LEASE_SECONDS: 'two minutes' })).toThrowError(/JOBS_LEASE_SECONDS: JOBS_LEASE_SECONDS must be a whole number of seconds/)
    expect(() => parseEnv({ JOBS_LEASE_SECONDS: '1' })).toThrowError(/JOBS_LEASE_SECONDS: JOBS_LEASE_SECONDS must be at least 2/)
    expect(() => parseEnv({ JOBS_LEASE_SECONDS: '2.5' })).toThrowError(/whole number of seconds/)
    expect(() => parseEnv({ JOBS_POLL_MS: '10' })).toThrowError(/JOBS_POLL_MS: JOBS_POLL_MS must be at least 100/)
  })

  it('requires https in production, except on localhost', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', APP_URL: 'http://quy.daklak.gov.vn' })).toThrowError(/https/)
    expect(parseEnv({ NODE_ENV: 'production', APP_URL: 'http://localhost:3000' }).APP_URL).toBe('http://localhost:3000')
    expect(cookieIsSecure(parseEnv({ NODE_ENV: 'production', APP_URL: 'https://quy.daklak.gov.vn/' }))).toBe(true)
  })
})

import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { translator } from '../../app/i18n'
import { DEMO_ACCOUNTS } from '../../db/seed'
import { usePortal } from '../e2e/support/hooks'
import { DEMO_PASSWORD, freePort, type PortalOptions } from '../e2e/support/portal'
import { get, postForm, setCookie } from './helpers'
import { type Nginx, readmeLocation, startNginx } from './nginx'

// The portal behind Debian's nginx, configured with the README's "Behind nginx" block, TRUST_PROXY=true,
// in the ways proxies are set up in practice: a form POST from the page the proxy served signs in, and a
// POST from another site is refused with 403 in the visitor's language, never a 500.

const vi = translator('vi')
const en = translator('en')
const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!

const SETUPS = {
  'the README block: Host and X-Forwarded-Host passed on': (d: string[]) => d,
  'a proxy that passes Host only': (d: string[]) => d.filter((line) => !line.startsWith('proxy_set_header X-Forwarded-Host ')),
  'a proxy that sends its upstream name as Host, with X-Forwarded-Host': (d: string[]) => d.filter((line) => !line.startsWith('proxy_set_header Host ')),
  // Neither header names the public address: only APP_URL can, and the portal's is this proxy's address.
  'a proxy that sends its upstream name as Host and no X-Forwarded-Host (APP_URL is its address)': (d: string[]) =>
    d.filter((line) => !line.startsWith('proxy_set_header Host ') && !line.startsWith('proxy_set_header X-Forwarded-Host ')),
}
type Setup = keyof typeof SETUPS
const NAMES = Object.keys(SETUPS) as Setup[]
const ports = {} as Record<Setup, number>
const publicUrl = (setup: Setup) => `http://127.0.0.1:${ports[setup]}`

// APP_URL must name the last proxy before the portal starts, so its port is chosen first (hooks run in order).
const options: PortalOptions = { env: { TRUST_PROXY: 'true' } }
beforeAll(async () => {
  for (const name of NAMES) ports[name] = await freePort()
  options.env!.APP_URL = publicUrl(NAMES[3])
})
const portal = usePortal(options)

let nginx: Nginx | undefined
beforeAll(async () => {
  const location = readmeLocation()
  nginx = await startNginx(
    portal().port,
    NAMES.map((name) => ({ port: ports[name], location: SETUPS[name](location) })),
  )
}, 30_000)
afterAll(async () => {
  await nginx?.stop()
})

describe.each(NAMES)('behind nginx: %s', (setup) => {
  test('a form POST from the page the proxy served signs in, and the session works through the proxy', async () => {
    const base = publicUrl(setup)
    expect((await get(`${base}/login`)).status).toBe(200)
    const res = await postForm(`${base}/login`, { email: applicant.email, password: DEMO_PASSWORD }, { Origin: base })
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe('/home')
    const session = setCookie(res, '__session')
    expect(session?.value).toBeTruthy()
    const account = await get(`${base}/account`, { Cookie: `__session=${session!.value}` })
    expect(account.status).toBe(200)
    expect(await account.text()).toContain(applicant.email)
  })

  test('a wrong password is the form’s answer (400), not a refusal', async () => {
    const base = publicUrl(setup)
    const res = await postForm(`${base}/login`, { email: applicant.email, password: 'không phải mật khẩu này' }, { Origin: base })
    expect(res.status).toBe(400)
  })

  test('a POST from another site is refused with 403 and a message in the visitor’s language', async () => {
    const base = publicUrl(setup)
    const login = { email: applicant.email, password: DEMO_PASSWORD }
    const foreign = await postForm(`${base}/login`, login, { Origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    expect(await foreign.text()).toBe(vi('error.origin'))
    const inEnglish = await postForm(`${base}/login`, login, { Origin: 'https://evil.example', Cookie: 'lang=en' })
    expect(inEnglish.status).toBe(403)
    expect(await inEnglish.text()).toBe(en('error.origin'))
  })
})

import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Signing } from '../../app/modules/decisions'
import { demoSealImage, demoSignatureImage, ensureDemoKeys, signingConfig, signingKeys } from '../../app/modules/signing'

// Demo keys for the tests that issue documents: made once per test file (a demo CA, the Fund, one signer), in a
// folder of their own. An issued document is always signed, so every test that issues one signs with these.

export const TEST_FUND_NAME = 'Quỹ Phát triển khoa học và công nghệ tỉnh Đắk Lắk'
export const TEST_SIGNER = { email: 'ky.so@test.quykhcn.vn', name: 'Giám Đốc Ký Thử' }

let shared: Promise<{ dir: string; keys: ReturnType<typeof signingKeys> }> | null = null

/** Makes demo keys for these people in a data folder (as `npm start` does for the demo accounts). */
export async function makeKeys(dataDir: string, people: { email: string; name: string }[]) {
  const config = signingConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', APP_URL: 'http://localhost:3000' })
  await ensureDemoKeys(config, { fundName: TEST_FUND_NAME, people })
  return signingKeys(config)
}

export function testKeys() {
  shared ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fund-keys-'))
    return { dir, keys: await makeKeys(dir, [TEST_SIGNER]) }
  })()
  return shared
}

/** How a user signs in a test: the test signer's key and images, the Fund's demo key and seal. */
export async function testSigning(user: { id: string; fullName?: string }, appUrl = 'http://localhost:3000'): Promise<Signing> {
  const { keys } = await testKeys()
  const signer = await keys.personal(TEST_SIGNER.email)
  if (!signer) throw new Error('the test signer has no key')
  return {
    party: { user: { id: user.id, fullName: user.fullName ?? TEST_SIGNER.name }, signer, signatureImage: await demoSignatureImage(), capacity: 'GIÁM ĐỐC', authority: '' },
    fund: { signer: await keys.fund(), sealImage: await demoSealImage(), fundName: TEST_FUND_NAME },
    appUrl,
  }
}

/**
 * Signs the document waiting for a signature on this application, council or call (of this kind, if given), as
 * the director (or the presiding member) would on /signing/:id, with the test keys.
 */
export async function signPending(
  db: import('../../db').DB,
  storage: import('../../app/modules/applications').FileStorage,
  subject: import('../../app/modules/decisions').SignatureSubject,
  signer: { id: string; email: string; fullName?: string; roles: readonly import('../../db/schema').Role[] },
  kind?: import('../../db/schema').SignatureRequestKind,
) {
  const { openSignatureRequest, signRequest } = await import('../../app/modules/decisions')
  const request = await openSignatureRequest(db, subject, kind)
  if (!request) throw new Error('no document waits for a signature')
  const signing = await testSigning(signer)
  return signRequest(db, storage, { requestId: request.id, user: signer, party: signing.party, fund: signing.fund, appUrl: signing.appUrl })
}

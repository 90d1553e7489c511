import type { DB } from '../../../db'
import type { Env } from '../../config/env.server'
import { getFundSettings } from '../fund'
import { demoSealImage, demoSignatureImage, type Signer, type SigningConfig, signingConfig, signingKeys } from '../signing'
import type { FundSeal, Signing, SigningParty } from './signing'

// Where the portal's signatures come from (ADR 017): the Fund's key from configuration, a signer's key either
// given at signing (their PKCS#12 and passphrase, for that request only) or kept on the server for them (the
// demo's people; a director who signs in bulk). The images: the signer's signature and the Fund's seal, stored
// by the admin; the demo's images stand in only for demo certificates.

export type KeysEnv = Pick<Env, 'DATA_DIR' | 'NODE_ENV' | 'APP_URL' | 'FUND_SIGNING_P12' | 'FUND_SIGNING_PASSPHRASE' | 'SIGNER_KEYS_DIR' | 'SIGNER_KEYS_PASSPHRASE'>

let cached: { key: string; config: SigningConfig; keys: ReturnType<typeof signingKeys> } | null = null

/** The keys of this process's configuration (parsed once). */
export function portalKeys(env: KeysEnv) {
  const vars = {
    DATA_DIR: env.DATA_DIR,
    NODE_ENV: env.NODE_ENV,
    APP_URL: env.APP_URL,
    FUND_SIGNING_P12: env.FUND_SIGNING_P12,
    FUND_SIGNING_PASSPHRASE: env.FUND_SIGNING_PASSPHRASE,
    SIGNER_KEYS_DIR: env.SIGNER_KEYS_DIR,
    SIGNER_KEYS_PASSPHRASE: env.SIGNER_KEYS_PASSPHRASE,
  }
  const key = JSON.stringify(vars)
  if (cached?.key !== key) {
    const config = signingConfig(vars)
    cached = { key, config, keys: signingKeys(config) }
  }
  return cached
}

/** The Fund's signature: its key, its seal (the demo's for a demo key when none is stored) and its name. */
export async function fundSeal(db: DB, env: KeysEnv): Promise<FundSeal> {
  const signer = await portalKeys(env).keys.fund()
  const settings = await getFundSettings(db)
  return { signer, sealImage: settings?.seal_image ?? (signer.demo ? await demoSealImage() : null), fundName: settings?.name_vi ?? signer.organisation ?? '' }
}

/**
 * The signing party for a person and a key: their capacity and authority line (stored for them, else the fund
 * settings' for a director, or the council seat for minutes) and their signature's image.
 */
export async function signingParty(
  db: DB,
  user: { id: string; fullName: string },
  signer: Signer,
  seat?: { capacity: string },
): Promise<SigningParty> {
  const row = await db.selectFrom('signers').select(['capacity', 'authority', 'signature_image']).where('user_id', '=', user.id).executeTakeFirst()
  const settings = seat ? null : await getFundSettings(db)
  return {
    user,
    signer,
    signatureImage: row?.signature_image ?? (signer.demo ? await demoSignatureImage() : null),
    capacity: seat?.capacity ?? (row?.capacity || settings?.signer_title || 'GIÁM ĐỐC'),
    authority: seat ? '' : (row?.authority ?? settings?.signer_authority ?? ''),
  }
}

/** The key kept on the server for this person, if any. */
export async function keptSigner(env: KeysEnv, email: string): Promise<Signer | null> {
  return portalKeys(env).keys.personal(email)
}

/**
 * How a person signs with the key kept on the server for them (the bulk job): throws, with a reason the job
 * shows, when none is kept.
 */
export async function keptSigning(db: DB, env: KeysEnv, actor: { id: string; email: string }): Promise<Signing> {
  const signer = await keptSigner(env, actor.email)
  if (!signer) throw new Error(`no signing key is kept on the server for ${actor.email}: sign the documents one by one`)
  const user = await db.selectFrom('users').select(['id', 'full_name']).where('id', '=', actor.id).executeTakeFirstOrThrow()
  return { party: await signingParty(db, { id: user.id, fullName: user.full_name }, signer), fund: await fundSeal(db, env), appUrl: env.APP_URL }
}

import type { DB } from '../../../db'
import { recordAudit } from '../audit'
import { pngSize } from '../signing'

// How the Fund's people sign (ADR 017), kept by the administrator: each director's or deputy's capacity
// ("GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), a deputy's authority line ("KT. GIÁM ĐỐC") and the image of their signature;
// the Fund's seal. The images are drawn by the signatures; the keys themselves never enter the database.

export interface SignerView {
  userId: string
  fullName: string
  email: string
  capacity: string
  authority: string
  hasImage: boolean
}

/** The people who may sign decisions (the directors), with what is stored of how they sign. */
export async function listSigners(db: DB): Promise<SignerView[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .leftJoin('signers as s', 's.user_id', 'u.id')
    .select(['u.id', 'u.full_name', 'u.email', 's.capacity', 's.authority', 's.signature_image'])
    .where('r.role', '=', 'director')
    .where('u.status', '=', 'active')
    .orderBy('u.full_name')
    .execute()
  return rows.map((r) => ({ userId: r.id, fullName: r.full_name, email: r.email, capacity: r.capacity ?? '', authority: r.authority ?? '', hasImage: !!r.signature_image }))
}

export async function hasSealImage(db: DB): Promise<boolean> {
  const row = await db.selectFrom('fund_settings').select('seal_image').executeTakeFirst()
  return !!row?.seal_image
}

const MAX_IMAGE = 512 * 1024

/** A PNG the signature can draw: its signature bytes, a sane size, not too large. Null when it is not one. */
export function checkPng(bytes: Uint8Array): 'ok' | 'not_png' | 'too_large' {
  if (bytes.length > MAX_IMAGE) return 'too_large'
  try {
    const { width, height } = pngSize(bytes)
    return width > 0 && height > 0 && width <= 4000 && height <= 4000 ? 'ok' : 'not_png'
  } catch {
    return 'not_png'
  }
}

export type SaveResult = { ok: true } | { ok: false; errors: Record<string, string> }

/** Saves how a director signs; the image only when one is given. */
export async function saveSigner(
  db: DB,
  input: { userId: string; capacity: string; authority: string; image: Uint8Array | null; actor: { id: string; email: string }; ip?: string | null },
): Promise<SaveResult> {
  const capacity = input.capacity.trim().toLocaleUpperCase('vi')
  const authority = input.authority.trim().toLocaleUpperCase('vi')
  const errors: Record<string, string> = {}
  if (!capacity || capacity.length > 80) errors.capacity = 'signers.v.capacity'
  if (authority.length > 80) errors.authority = 'signers.v.authority'
  if (input.image) {
    const checked = checkPng(input.image)
    if (checked !== 'ok') errors.image = `signers.v.image.${checked}`
  }
  if (Object.keys(errors).length) return { ok: false, errors }
  const director = await db.selectFrom('user_roles').select('user_id').where('user_id', '=', input.userId).where('role', '=', 'director').executeTakeFirst()
  if (!director) return { ok: false, errors: { form: 'signers.v.notDirector' } }
  await db
    .insertInto('signers')
    .values({ user_id: input.userId, capacity, authority, signature_image: input.image, updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet((eb) => ({
        capacity,
        authority,
        signature_image: input.image ?? eb.ref('signers.signature_image'),
        updated_at: new Date(),
      })),
    )
    .execute()
  await recordAudit(db, { action: 'fund.signer_updated', actor: input.actor, subjectType: 'user', subjectId: input.userId, ip: input.ip, details: { capacity, authority, image: !!input.image } })
  return { ok: true }
}

/** Saves the Fund's seal image. */
export async function saveSeal(db: DB, input: { image: Uint8Array; actor: { id: string; email: string }; ip?: string | null }): Promise<SaveResult> {
  const checked = checkPng(input.image)
  if (checked !== 'ok') return { ok: false, errors: { seal: `signers.v.image.${checked}` } }
  await db.updateTable('fund_settings').set({ seal_image: input.image }).execute()
  await recordAudit(db, { action: 'fund.seal_updated', actor: input.actor, ip: input.ip, details: { bytes: input.image.length } })
  return { ok: true }
}

import type { DB } from '../../../db'
import type { OrganisationType } from '../../../db/schema'
import type { MemberApplication } from './access'
import { type AttachmentSlot, listAttachmentSlots } from './attachments'
import { readBudget } from './budget'
import { getSection } from './drafts'
import { FORM_SECTIONS } from './sections'

// The dossier as one reads it (the applicant checking their answers, the Fund's staff screening it, later the
// council): every section's answers, the organisation (as frozen at submission, or its profile before),
// the files per required document, the budget's totals and the call's rules.

export interface DossierOrganisation {
  type: OrganisationType
  name: string
  identifier: string
  identifier_kind: string
  address_line: string
  ward_name: string
  ward_kind: 'phuong' | 'xa'
  legal_rep_name: string
  legal_rep_title: string
  phone: string
  email: string
}

export interface Dossier {
  sections: Record<string, Record<string, string>>
  organisation: DossierOrganisation | null
  slots: AttachmentSlot[]
  budget: { requested: number; counterpart: number; total: number; pct: number }
  rules: { max_amount: number; min_counterpart_pct: number; max_duration_months: number }
}

export async function getDossier(db: DB, access: Pick<MemberApplication, 'application' | 'call'>): Promise<Dossier> {
  const id = access.application.id
  const sections = Object.fromEntries(await Promise.all(FORM_SECTIONS.map(async (key) => [key, (await getSection(db, id, key)).data] as const)))
  const frozen = access.application.organisation_snapshot as Record<string, string> | null
  const current = frozen
    ? null
    : await db.selectFrom('organisations').selectAll().where('id', '=', access.application.organisation_id).executeTakeFirst()
  const org = (frozen ?? current) as (DossierOrganisation & { ward_code: string }) | null | undefined
  const ward = org ? await db.selectFrom('wards').select(['name', 'kind']).where('code', '=', org.ward_code).executeTakeFirst() : undefined
  const budget = readBudget(sections.budget ?? {})
  return {
    sections,
    organisation: org
      ? {
          type: org.type,
          name: org.name,
          identifier: org.identifier,
          identifier_kind: org.identifier_kind,
          address_line: org.address_line,
          ward_name: ward?.name ?? '',
          ward_kind: ward?.kind ?? 'xa',
          legal_rep_name: org.legal_rep_name,
          legal_rep_title: org.legal_rep_title,
          phone: org.phone,
          email: org.email,
        }
      : null,
    slots: await listAttachmentSlots(db, access),
    budget: { requested: budget.requested, counterpart: budget.counterpart, total: budget.total, pct: budget.counterpartPct },
    rules: { max_amount: access.call.max_amount, min_counterpart_pct: access.call.min_counterpart_pct, max_duration_months: access.call.max_duration_months },
  }
}

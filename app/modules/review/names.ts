import { z } from 'zod'
import type { Lang } from '../../../db/schema'

// Browser-safe: a council's name in the reader's language, and the two fields of the forms that name it. Every
// council has both names (the forms ask both; a council created before had its one name copied into both), so a
// page or a mail never splices one language into the other.

export interface CouncilNames {
  nameVi: string
  nameEn: string
}

export function councilName(council: CouncilNames, lang: Lang): string {
  return lang === 'en' && council.nameEn ? council.nameEn : council.nameVi
}

/** The name fields of the new-council and rename forms: checks only (the module trims and normalises what it stores). */
export const councilNameFields = {
  nameVi: z.string('councils.v.nameVi').trim().min(3, 'councils.v.nameVi').max(200, 'councils.v.nameVi'),
  nameEn: z.string('councils.v.nameEn').trim().min(3, 'councils.v.nameEn').max(200, 'councils.v.nameEn'),
}

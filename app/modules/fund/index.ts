import type { DB } from '../../../db'
import type { FundSettings } from '../../../db/schema'
import type { Lang } from '../../i18n'

/** The fund's identity and contact, shown in the page footer and used by documents. */
export async function getFundSettings(db: DB): Promise<FundSettings | undefined> {
  return db.selectFrom('fund_settings').selectAll().where('id', '=', 1).executeTakeFirst()
}

export function fundName(settings: Pick<FundSettings, 'name_vi' | 'name_en'>, lang: Lang) {
  return lang === 'vi' ? settings.name_vi : settings.name_en
}

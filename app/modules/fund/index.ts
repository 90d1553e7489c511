import type { DB } from '../../../db'
import type { FundSettings } from '../../../db/schema'
import type { Lang } from '../../i18n'
import { recordAudit } from '../audit'
import { readReviewRules, type ReviewRules } from '../review/rules'
import { dayFromForm, fundSettingsSchema, readFraction, readNumber, RULE_FIELDS, type RuleField, reviewRulesFormSchema, splitLines } from './schemas'
import { fieldErrors } from '../../lib/forms.server'

/** The fund's identity and contact, shown in the page footer and used by documents. */
export async function getFundSettings(db: DB): Promise<FundSettings | undefined> {
  return db.selectFrom('fund_settings').selectAll().where('id', '=', 1).executeTakeFirst()
}

export function fundName(settings: Pick<FundSettings, 'name_vi' | 'name_en'>, lang: Lang) {
  return lang === 'vi' ? settings.name_vi : settings.name_en
}

/**
 * Saves the fund's settings (the single row, created if missing). Every official document issued afterwards
 * prints them; documents already issued keep what they printed.
 */
export async function updateFundSettings(
  db: DB,
  input: { values: unknown; actor: { id: string; email: string }; ip?: string | null; now?: Date },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const parsed = fundSettingsSchema.safeParse(input.values)
  if (!parsed.success) {
    return { ok: false, errors: fieldErrors(parsed.error) }
  }
  const v = parsed.data
  const values = {
    parent_body_vi: v.parent_body_vi,
    parent_body_en: v.parent_body_en,
    name_vi: v.name_vi,
    name_en: v.name_en,
    short_name: v.short_name,
    document_symbol: v.document_symbol.toUpperCase(),
    place_name: v.place_name,
    address: v.address,
    phone: v.phone,
    email: v.email,
    website: v.website || null,
    signer_authority: v.signer_authority ?? '',
    signer_title: v.signer_title,
    signer_name: v.signer_name,
    charter_number: v.charter_number ?? '',
    charter_date: v.charter_date ? dayFromForm(v.charter_date) : null,
    charter_issuer: v.charter_issuer ?? '',
    recipients: splitLines(v.recipients),
    updated_at: input.now ?? new Date(),
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('fund_settings').values({ id: 1, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute()
    await recordAudit(trx, { action: 'fund.settings_updated', actor: input.actor, ip: input.ip ?? null, details: { symbol: values.document_symbol, signer: values.signer_name } })
  })
  return { ok: true }
}

/** The council's scoring rules and the clocks, as the fund has set them (defaults for what it has not). */
export async function getReviewRules(db: DB): Promise<ReviewRules> {
  const row = await db.selectFrom('fund_settings').select('review_rules').orderBy('id').executeTakeFirst()
  return readReviewRules(row?.review_rules)
}

/** The rules as the form shows them: "2/3" for a share, "72,5" for points. */
export function rulesToForm(rules: ReviewRules): Record<RuleField, string> {
  const out = {} as Record<RuleField, string>
  for (const name of Object.keys(RULE_FIELDS) as RuleField[]) {
    const v = rules[name] as number | { num: number; den: number }
    out[name] = typeof v === 'number' ? String(v).replace('.', ',') : `${v.num}/${v.den}`
  }
  return out
}

/** Saves the rules every council, clock and ranking uses from now on; audited with the old and new values. */
export async function updateReviewRules(
  db: DB,
  input: { values: unknown; actor: { id: string; email: string }; ip?: string | null },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const parsed = reviewRulesFormSchema.safeParse(input.values)
  if (!parsed.success) {
    return { ok: false, errors: fieldErrors(parsed.error) }
  }
  const stored: Record<string, unknown> = {}
  for (const [name, kind] of Object.entries(RULE_FIELDS) as [RuleField, string][]) {
    const text = parsed.data[name]
    stored[name] = kind === 'fraction' ? readFraction(text) : readNumber(text)
  }
  const rules = readReviewRules(stored)
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('fund_settings').select(['id', 'review_rules']).orderBy('id').forUpdate().executeTakeFirst()
    if (!before) throw new Response('The fund has no settings yet', { status: 409 })
    await trx.updateTable('fund_settings').set({ review_rules: { ...rules }, updated_at: new Date() }).where('id', '=', before.id).execute()
    await recordAudit(trx, { action: 'fund.rules_updated', actor: input.actor, ip: input.ip ?? null, details: { before: before.review_rules, after: rules } })
  })
  return { ok: true }
}

/**
 * A namespace of messages, each key with its Vietnamese and English text side by side, so a missing
 * translation is a type error where it is written.
 */
export function defineMessages<K extends string>(table: Record<K, readonly [vi: string, en: string]>) {
  const vi = {} as Record<K, string>
  const en = {} as Record<K, string>
  for (const key of Object.keys(table) as K[]) {
    vi[key] = table[key][0]
    en[key] = table[key][1]
  }
  return { vi, en }
}

import { describe, expect, it } from 'vitest'
import { catalogues } from './catalogues'
import { endSentence } from './format'
import { messageParams, translator, type MessageKey } from './index'

// "Your reason: Em ruột tôi là chủ nhiệm.." (issue 10): a message that ends a sentence after a value typed by
// someone must not add a second full stop when the value brings its own.

describe('sentences built around typed values', () => {
  it('never end in "..", in any message of either language', () => {
    const doubled: string[] = []
    for (const lang of ['vi', 'en'] as const) {
      const t = translator(lang)
      for (const [key, text] of Object.entries(catalogues[lang] as Record<string, string>)) {
        if (text.includes('..')) continue // an ellipsis written on purpose (none today)
        const params = Object.fromEntries(messageParams(text).map((p) => [p, 'Em ruột tôi là chủ nhiệm.']))
        const out = t(key as MessageKey, params)
        if (/[^.]\.\.(?!\.)/.test(out)) doubled.push(`${lang} ${key}: ${out}`)
      }
    }
    expect(doubled).toEqual([])
  })

  it('keep one full stop after a reason typed with or without one', () => {
    const t = translator('en')
    const banner = (reason: string) => t('reviewing.declare.done.declared', { reason })
    expect(banner('My sister is the investigator.')).toMatch(/Your reason: My sister is the investigator\.$/)
    expect(banner('My sister is the investigator')).toMatch(/Your reason: My sister is the investigator\.$/)
    expect(translator('vi')('reviewing.declare.done.declared', { reason: 'Em ruột tôi là chủ nhiệm.' })).toMatch(/Lý do bạn nêu: Em ruột tôi là chủ nhiệm\.$/)
  })

  it('endSentence gives typed text exactly one closing stop', () => {
    expect(endSentence('Hội trường Quỹ')).toBe('Hội trường Quỹ.')
    expect(endSentence(' Hội trường Quỹ. ')).toBe('Hội trường Quỹ.')
    expect(endSentence('Vì sao?')).toBe('Vì sao?')
  })
})

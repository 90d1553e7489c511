import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ApplicationStatus } from '../../../db/schema'
import { catalogue } from '../../i18n'
import { type Actor, EVENTS, eventsFor, STAGES, stagesOf, STATUSES, step, TERMINAL, TRANSITIONS } from './machine'
import { EVENT_FORM_KIND, EVENT_INPUT } from './schemas'

const ACTORS: Actor[] = ['applicant', 'staff', 'director']

describe('the status machine', () => {
  it('walks random event sequences without ever reaching a status outside the list; terminal statuses stay terminal', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...EVENTS, 'no_such_event'), fc.constantFrom(...ACTORS)), { maxLength: 60 }), (moves) => {
        let status = STATUSES[0]
        let ended = false
        for (const [event, actor] of moves) {
          const result = step(status, event, actor)
          if (!result.ok) continue
          // A terminal status accepts no event at all.
          expect(ended).toBe(false)
          expect(STATUSES).toContain(result.to)
          status = result.to
          ended = TERMINAL.includes(status)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('reaches every status from a draft, and every event is used somewhere on the way', () => {
    const seen = new Set([STATUSES[0]])
    const used = new Set<string>()
    const queue = [STATUSES[0]]
    while (queue.length) {
      const status = queue.shift()!
      for (const actor of ACTORS) {
        for (const event of eventsFor(status, actor)) {
          used.add(event)
          const result = step(status, event, actor)
          if (result.ok && !seen.has(result.to)) {
            seen.add(result.to)
            queue.push(result.to)
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...STATUSES].sort())
    expect([...used].sort()).toEqual([...EVENTS].sort())
  })

  it('ends in exactly the statuses nothing leaves: closed, withdrawn, ineligible, rejected, cancelled', () => {
    expect([...TERMINAL].sort()).toEqual(['cancelled', 'closed', 'ineligible', 'rejected', 'withdrawn'])
  })

  it('refuses an event from a wrong status and from a wrong actor, in words the caller can tell apart', () => {
    expect(step('draft', 'approve', 'director')).toEqual({ ok: false, reason: 'state' })
    expect(step('appraised', 'approve', 'staff')).toEqual({ ok: false, reason: 'role' })
    expect(step('draft', 'submit', 'staff')).toEqual({ ok: false, reason: 'role' })
    expect(step('draft', 'anything', 'staff')).toEqual({ ok: false, reason: 'unknown' })
    expect(step('screening', 'request_changes', 'staff')).toEqual({ ok: true, to: 'changes_requested' })
  })

  it('goes from the council to the decision through the revision and the cost appraisal, or their recorded skips', () => {
    // The recommendation no longer leads straight to approval.
    expect(step('recommended', 'approve', 'director')).toEqual({ ok: false, reason: 'state' })
    expect(step('revised', 'approve', 'director')).toEqual({ ok: false, reason: 'state' })
    const road: [ApplicationStatus, string, Actor, ApplicationStatus][] = [
      ['recommended', 'request_revision', 'staff', 'revision'],
      ['revision', 'submit_revision', 'applicant', 'revised'],
      ['revised', 'start_appraisal', 'staff', 'appraisal'],
      ['appraisal', 'complete_appraisal', 'staff', 'appraised'],
      ['appraised', 'approve', 'director', 'approved'],
      ['recommended', 'skip_revision', 'staff', 'revised'],
      ['revised', 'skip_appraisal', 'staff', 'appraised'],
    ]
    for (const [from, event, actor, to] of road) expect(step(from, event, actor), `${from} ${event}`).toEqual({ ok: true, to })
    // Only the applicant revises; only the office forms the appraisal.
    expect(step('revision', 'submit_revision', 'staff')).toEqual({ ok: false, reason: 'role' })
    expect(step('revised', 'start_appraisal', 'applicant')).toEqual({ ok: false, reason: 'role' })
    // The director may still reject at every step before approving; the applicant may still withdraw.
    for (const s of ['revision', 'revised', 'appraisal', 'appraised'] as const) {
      expect(step(s, 'reject', 'director')).toEqual({ ok: true, to: 'rejected' })
      expect(step(s, 'withdraw', 'applicant')).toEqual({ ok: true, to: 'withdrawn' })
    }
  })

  it('gives every status a place on the timeline (a stage, or the stage a side exit stops at)', () => {
    for (const status of STATUSES) {
      const stages = stagesOf(status)
      expect(stages.map((s) => s.key)).toEqual(STAGES.map((s) => s.key))
      expect(stages.filter((s) => s.state === 'current' || s.state === 'stopped').length + (TERMINAL.includes(status) ? 1 : 0), status).toBeGreaterThanOrEqual(1)
    }
    // Withdrawn while in review stops at review, not at submission.
    expect(stagesOf('withdrawn', 'in_review').find((s) => s.state === 'stopped')?.key).toBe('review')
    expect(stagesOf('approved').map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done', 'current', 'upcoming', 'upcoming', 'upcoming'])
  })

  it('draws every side exit at the stage whose act it is, named by the exit: rejected at the decision, whatever the council concluded', () => {
    const stopped = (status: ApplicationStatus, from?: ApplicationStatus) => {
      const stages = stagesOf(status, from)
      const at = stages.findIndex((s) => s.state === 'stopped')
      // Before the stop the road is done; after it, nothing more happens.
      expect(stages.slice(0, at).every((s) => s.state === 'done'), `${from} → ${status}`).toBe(true)
      expect(stages.slice(at + 1).every((s) => s.state === 'upcoming' || (s.key === 'closed' && s.state === 'done')), `${from} → ${status}`).toBe(true)
      return [stages[at]?.key, stages[at]?.outcome]
    }
    expect(stopped('rejected', 'recommended')).toEqual(['decision', 'rejected'])
    expect(stopped('rejected', 'not_recommended')).toEqual(['decision', 'rejected'])
    expect(stopped('ineligible', 'screening')).toEqual(['screening', 'ineligible'])
    expect(stopped('withdrawn', 'draft')).toEqual(['draft', 'withdrawn'])
    expect(stopped('withdrawn', 'submitted')).toEqual(['submitted', 'withdrawn'])
    expect(stopped('withdrawn', 'changes_requested')).toEqual(['screening', 'withdrawn'])
    expect(stopped('withdrawn', 'in_review')).toEqual(['review', 'withdrawn'])
    expect(stopped('withdrawn', 'recommended')).toEqual(['council', 'withdrawn'])
    expect(stopped('withdrawn', 'revision')).toEqual(['revision', 'withdrawn'])
    expect(stopped('rejected', 'appraised')).toEqual(['decision', 'rejected'])
    expect(stopped('withdrawn')).toEqual(['submitted', 'withdrawn'])
    for (const from of ['approved', 'contracted', 'in_progress'] as const) expect(stopped('cancelled', from)).toEqual(['contract', 'cancelled'])
    expect(stopped('failed', 'acceptance')).toEqual(['acceptance', 'failed'])
    // Closed after failing: the road ends, and still says where it failed.
    expect(stagesOf('closed', 'failed').map((s) => [s.key, s.state, s.outcome])).toEqual([
      ['draft', 'done', undefined],
      ['submitted', 'done', undefined],
      ['screening', 'done', undefined],
      ['review', 'done', undefined],
      ['council', 'done', undefined],
      ['revision', 'done', undefined],
      ['appraisal', 'done', undefined],
      ['decision', 'done', undefined],
      ['contract', 'done', undefined],
      ['acceptance', 'stopped', 'failed'],
      ['closed', 'done', undefined],
    ])
    expect(stagesOf('closed', 'completed').every((s) => s.state === 'done')).toBe(true)
  })

  it('names every status and every event in both languages, and gives every event a form and an input', () => {
    for (const lang of ['vi', 'en'] as const) {
      const words = catalogue(lang) as Record<string, string>
      for (const status of STATUSES) expect(words[`workflow.status.${status}`], status).toBeTruthy()
      for (const event of EVENTS) expect(words[`workflow.event.${event}`], event).toBeTruthy()
      for (const stage of STAGES) expect(words[`workflow.stage.${stage.key}`], stage.key).toBeTruthy()
    }
    for (const t of TRANSITIONS) {
      expect(EVENT_FORM_KIND[t.event]).toBeTruthy()
      expect(EVENT_INPUT[t.event]).toBeTruthy()
    }
  })

  it('reads a request for changes: the message, a real due date, at least one section', () => {
    const input = EVENT_INPUT.request_changes
    expect(input.safeParse({ message: 'Bổ sung báo cáo tài chính 2025', due: '15/12/2026', section_budget: 'on', section_attachments: 'on' }).data).toEqual({
      message: 'Bổ sung báo cáo tài chính 2025',
      due: '2026-12-15',
      sections: ['budget', 'attachments'],
    })
    const bad = input.safeParse({ message: ' ', due: '31/02/2026' })
    expect(bad.success).toBe(false)
    expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      message: 'workflow.v.message.required',
      due: 'workflow.v.due.format',
      sections: 'workflow.v.sections.required',
    })
    expect(EVENT_INPUT.approve.safeParse({ amount: '450.000.000', conditions: '' }).data).toEqual({ amount: 450_000_000, conditions: '', lumpSum: null, terms: {} })
    expect(EVENT_INPUT.approve.safeParse({ amount: '0' }).success).toBe(false)
    // A loan's terms as the director types them: "4,5" per cent, a term in months; a wrong one is refused.
    expect(EVENT_INPUT.approve.safeParse({ amount: '450.000.000', interest_rate: '4,5', term_months: '24', collateral: 'máy sấy', lump_sum: 'partial' }).data).toEqual({
      amount: 450_000_000,
      conditions: '',
      lumpSum: 'partial',
      terms: { interestRate: 4.5, termMonths: 24, collateral: 'máy sấy' },
    })
    expect(EVENT_INPUT.approve.safeParse({ amount: '450.000.000', interest_rate: '140' }).success).toBe(false)
    expect(EVENT_INPUT.approve.safeParse({ amount: '450.000.000', term_months: 'hai năm' }).success).toBe(false)
  })
})

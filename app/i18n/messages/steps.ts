import { defineMessages } from '../define'

// The steps between the council and the decision, as the applicant and everyone else sees them (issue 11):
// the revision after the council, the cost appraisal, their statuses and events; and the counterpart rule in
// whole đồng. The office's appraisal pages have theirs in appraisal.ts (staff only).

export const messages = defineMessages({
  'applications.rule.counterpartShort': [
    'Vốn đối ứng ({counterpart} ₫) chưa đạt mức tối thiểu {min}% của đợt: cần ít nhất {needed} ₫',
    'Counterpart funds ({counterpart} ₫) are below the call’s minimum of {min}%: at least {needed} ₫ is needed',
  ],
})

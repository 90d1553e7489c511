import type { DB } from '../../../db'
import type { ApplicationStatus, MemberRole } from '../../../db/schema'
import { openSignatureRequest } from '../decisions/requests'
import { contractBudget, listChanges } from './changes'
import { amountsByYear, isRepresentative, termsOf } from './draft'
import { type Contract, contractOf, contractParties, contractRecord, representativesOf } from './read'
import { readContractRules } from './rules'

// What the contract's pages read, the grantee's (/tasks/:id/…) and the office's (/staff/tasks/:id/…): one
// function a page, so that the routes only guard, call and answer.

/** The contract's figures as both its pages show them: the period, the amounts, the terms, the tranches, the amounts by year. */
function contractFigures(contract: Contract) {
  return {
    status: contract.status,
    version: contract.version,
    fundAmount: contract.fundAmount,
    counterpartAmount: contract.counterpartAmount,
    startsOn: contract.startsOn,
    endsOn: contract.endsOn,
    lumpSum: contract.lumpSum,
    reportEveryMonths: contract.reportEveryMonths,
    terms: termsOf(contract),
    tranches: contract.tranches.map((t) => ({ seq: t.seq, kind: t.kind, amount: t.amount, dueOn: t.dueOn, condition: t.condition })),
    byYear: amountsByYear(contract),
  }
}

/**
 * The grantee's contract page: the contract once the Fund sent it (a draft is the office's own: null), the two
 * parties, its road (without the address it was accepted from), whether this member may accept it, and who may.
 */
export async function contractForGrantee(db: DB, applicationId: string, userId: string) {
  const contract = await contractOf(db, applicationId)
  if (!contract || contract.status === 'draft') return null
  const record = (await contractRecord(db, contract.id))!
  return {
    parties: (await contractParties(db, applicationId))!,
    contract: contractFigures(contract),
    record: { ...record, acceptedIp: null },
    representative: await isRepresentative(db, applicationId, userId),
    representatives: await representativesOf(db, applicationId),
  }
}

/** The office's contract page: the contract (null before one is drafted), its road, and the open request for the director's signature. */
export async function contractForOffice(db: DB, applicationId: string) {
  const contract = await contractOf(db, applicationId)
  const record = contract ? await contractRecord(db, contract.id) : null
  const request = contract?.status === 'proposed' ? await openSignatureRequest(db, { applicationId }, 'contract') : null
  return {
    contract: contract ? { id: contract.id, ...contractFigures(contract) } : null,
    record,
    request: request ? { id: request.id, preparedAt: request.preparedAt, signer: request.signerName } : null,
  }
}

/**
 * The grantee's changes page: the changes asked, whether one is still open, whether this member may ask one now
 * (an owner or editor, the task running, none open), whether they may accept an amendment (the representative) and
 * the position they would sign as, the limits of the rules, and the budget by category a move draws on.
 */
export async function changesForGrantee(
  db: DB,
  task: { applicationId: string; status: ApplicationStatus; contract: Contract },
  member: { userId: string; role: MemberRole },
) {
  const changes = await listChanges(db, task.contract.id)
  const rules = await readContractRules(db)
  const budget = await contractBudget(db, task.contract)
  const open = changes.some((c) => ['requested', 'approved', 'decided'].includes(c.state) || (c.state === 'rejected' && !c.decidedAt))
  const running = task.contract.status === 'signed' && (task.status === 'contracted' || task.status === 'in_progress')
  return {
    changes,
    open,
    canAsk: member.role !== 'viewer' && running && !open,
    representative: await isRepresentative(db, task.applicationId, member.userId),
    position: (await contractParties(db, task.applicationId))?.grantee.position ?? '',
    rules: { months: rules.maxExtensionMonths, count: rules.maxExtensions, pct: rules.maxBudgetMovePct, suspension: rules.maxSuspensionMonths, maxMove: Math.floor((task.contract.fundAmount * rules.maxBudgetMovePct) / 100) },
    budget,
  }
}

// Post-award: the contract of a funded task (issue 12). Its public face: read it here; drafting, review,
// signing and amendments are added beside it.
export { contractById, contractOf, type Contract, type Tranche } from './read'

// Councils and their reviewing: who sits on which council, conflicts of interest, ballots on the call's
// rubric, and the pure rules of aggregation and ranking (rules.ts, aggregate.ts; browser-safe).
export * from './rules'
export * from './aggregate'
export * from './ballots'
export * from './meeting'
export * from './councils'
export * from './conflicts'

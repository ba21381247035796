export * from '../modules/auth/auth.tables'
export * from '../modules/org/org.tables'
export * from '../modules/audit/audit.tables'
export * from '../modules/polls/polls.tables'

export * from './errors'
export * from './common/common.schemas'
export * from './org/org.schemas'
export * from './auth/auth.schemas'

export {
  acceptInvitation,
  changePassword,
  getUser,
  grantRole,
  invitationFor,
  inviteUser,
  isResetTokenLive,
  listUsers,
  recordLogout,
  registerUser,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  revokeRole,
  verifyEmail,
  type InviteResult,
  type RequestMeta,
  type UserListRow,
} from './accounts'
export { hashPassword, verifyPassword } from './password'
export { adminAreas, can, decide, ROUTE_ACCESS, type Permission, type RouteId } from './policy'
export { ROLES, STAFF_ROLES } from './roles'
export { consumeRateLimit, pruneRateLimits } from './rate-limit'
export { pathOnPortal } from './redirect'
export { signIn, type SignInResult } from './sign-in'
export { authorize, authorizeUser, currentUser, endSession, requestMeta, sessionCookie, sessionHashOfCookieHeader, startSession } from './request'
export { pruneExpiredSessions, SESSION_SQL, sessionUserOfRow, type SessionColumns, type SessionUser } from './sessions'

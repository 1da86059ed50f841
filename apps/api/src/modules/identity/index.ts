export { AUTH_BASE_PATH, type Auth, createAuth, oauthProviders } from './auth.js';
export { identityRoutes } from './identity.routes.js';
export { createIdentityService, type IdentityService, type Me } from './identity.service.js';
export {
  createLoginProtection,
  FAILED_SIGN_IN_WINDOW_SECONDS,
  MAX_FAILED_SIGN_INS,
} from './login-protection.js';
export { assertTwoFactorSatisfied } from './two-factor.js';
export { describeDevice } from './user-agent.js';

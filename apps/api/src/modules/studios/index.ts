export type { StudioAccess } from './studios.access.js';
export type { ClientRecordJoin, OnClientRecordsJoined } from './studios.clients.js';
// Plan limits other modules enforce (catalog items) or report (billing).
export {
  assertWithinPlan,
  COUNTED_LIMIT_NAMES,
  type CountedLimit,
  type PlanAllowance,
  planAllowance,
  planLimitReached,
} from './studios.limits.js';
// Reads (and the platform's plan write) other modules make on studios' tables, inside their transaction.
export {
  type ClientAccount,
  clientAccount,
  clientIdOfUser,
  clientIdsOfUser,
  countMembers,
  currentClientIdOf,
  invalidateStudios,
  STUDIOS_CACHE_NAMESPACE,
  type StudioProfile,
  setStudioPlan,
  studioOwnerEmails,
  studioProfile,
} from './studios.lookup.js';
export {
  PLAN_CURRENCY,
  PLAN_IDS,
  PLANS,
  type Plan,
  type PlanId,
  type PlanLimits,
  planLimits,
} from './studios.plans.js';
export { can, PERMISSIONS, STUDIO_ROLES, type StudioPermission, type StudioRole } from './studios.policy.js';
export { studiosRoutes } from './studios.routes.js';
export {
  type Client,
  type ClientInput,
  type Member,
  type MyStudio,
  type NewStudio,
  SlugParam,
  type Studio,
  StudioSchema,
  SUPPORTED_CURRENCIES,
} from './studios.schemas.js';
// The service carries requireStudioPermission, upsertClient and linkClientAccounts for other modules.
export { createStudiosService, type StudiosDeps, type StudiosService } from './studios.service.js';

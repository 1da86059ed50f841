export type { StudioAccess } from './studios.access.js';
export { PLAN_IDS, PLANS, type Plan, type PlanId, type PlanLimits, planLimits } from './studios.plans.js';
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

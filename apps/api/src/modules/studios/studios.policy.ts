/**
 * Who may do what inside a studio: the one permission table. Other modules name a permission here and
 * call `requireStudioPermission(actor, studioId, permission)` (studios service) before their work.
 */
export const STUDIO_ROLES = ['owner', 'admin', 'staff', 'moderator'] as const;
export type StudioRole = (typeof STUDIO_ROLES)[number];

const EVERYONE: readonly StudioRole[] = ['owner', 'admin', 'staff', 'moderator'];
const STAFF_UP: readonly StudioRole[] = ['owner', 'admin', 'staff'];
const ADMIN_UP: readonly StudioRole[] = ['owner', 'admin'];
const OWNER: readonly StudioRole[] = ['owner'];

/**
 * Permission -> the roles that hold it. Owner > admin > staff > moderator; a moderator only looks after
 * reviews and comments. A permission ending in `.read` is also granted to platform admins (any studio)
 * and to API keys (their own studio).
 */
export const PERMISSIONS = {
  'studio.read': EVERYONE,
  'studio.settings.update': ADMIN_UP,
  'billing.manage': OWNER,
  'team.read': STAFF_UP,
  'team.manage': ADMIN_UP,
  'team.owners.manage': OWNER,
  'clients.read': STAFF_UP,
  'clients.manage': STAFF_UP,
  'catalog.manage': STAFF_UP,
  'orders.read': STAFF_UP,
  'orders.manage': STAFF_UP,
  'payments.refund': ADMIN_UP,
  /** Payment settings, wallets (adjustments, bonus tiers) and payment plans. */
  'payments.manage': ADMIN_UP,
  'bookings.manage': STAFF_UP,
  'projects.manage': STAFF_UP,
  'media.manage': STAFF_UP,
  'messaging.manage': STAFF_UP,
  'reviews.moderate': EVERYONE,
  'comments.moderate': EVERYONE,
  'insights.read': ADMIN_UP,
  'audit.read': ADMIN_UP,
} as const satisfies Record<string, readonly StudioRole[]>;

export type StudioPermission = keyof typeof PERMISSIONS;

export function can(role: StudioRole, permission: StudioPermission): boolean {
  // A permission missing from the table (an untyped caller's typo) grants nobody anything.
  const roles: readonly StudioRole[] | undefined = PERMISSIONS[permission];
  return roles?.includes(role) ?? false;
}

/** Platform admins may read everything (support, moderation), but change nothing inside a studio. */
export function platformAdminCan(permission: StudioPermission): boolean {
  return permission.endsWith('.read');
}

/** An integration's API key may read its own studio (reports, sync); writes need a person for now. */
export function apiKeyCan(permission: StudioPermission): boolean {
  return permission.endsWith('.read');
}

const RANK: Record<StudioRole, number> = { owner: 4, admin: 3, staff: 2, moderator: 1 };

/** True when `role` is no higher than `than`: nobody hands out more power than they hold. */
export function roleAtMost(role: StudioRole, than: StudioRole): boolean {
  return RANK[role] <= RANK[than];
}

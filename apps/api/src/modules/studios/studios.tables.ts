import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { studioId, timestamps, uuidPrimaryKey } from '../../platform/db/columns.js';
import type { PlanId } from './studios.plans.js';
import type { StudioRole } from './studios.policy.js';

export interface StudioBrand {
  /** Hex colours, e.g. #7c3aed. The web app turns them into CSS variables per studio. */
  primaryColor: string;
  accentColor: string;
  /** A short mark drawn when the studio has no logo image yet. */
  logoText: string;
  logoUrl: string | null;
}

/**
 * The tenants themselves. A studio row is public (its storefront is), so this table is a platform
 * table without RLS; everything a studio owns carries studio_id and is isolated.
 */
export const studios = pgTable(
  'studios',
  {
    id: uuidPrimaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    tagline: text('tagline').notNull().default(''),
    currency: text('currency').notNull(),
    timezone: text('timezone').notNull(),
    locale: text('locale').notNull(),
    brand: jsonb('brand').notNull().$type<StudioBrand>(),
    /** The subscription plan; its limits are in studios.plans.ts, not in the database. */
    plan: text('plan').$type<PlanId>().notNull().default('starter'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    /** When set, owners, admins and staff must have two-factor sign-in to work in this studio. */
    requireStaffTwoFactor: boolean('require_staff_two_factor').notNull().default(false),
    ...timestamps(),
  },
  (table) => [uniqueIndex('studios_slug_key').on(table.slug)],
);

/**
 * Who works in a studio and as what. `user_id` is identity's person (no foreign key: identity owns
 * that table); `name` and `email` are a snapshot taken when the person joined, for the team list.
 */
export const studioMembers = pgTable(
  'studio_members',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<StudioRole>().notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('studio_members_studio_user_key').on(table.studioId, table.userId),
    // Serves "my studios" (the studio switcher) and the permission check.
    index('studio_members_user_idx').on(table.userId),
  ],
);

/**
 * An offer to join a studio, sent by email. Only the SHA-256 of the token is stored, so a database
 * read cannot be turned into a working link. One pending invitation per address and studio.
 */
export const studioInvitations = pgTable(
  'studio_invitations',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    email: text('email').notNull(),
    role: text('role').$type<StudioRole>().notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('studio_invitations_token_hash_key').on(table.tokenHash),
    uniqueIndex('studio_invitations_pending_email_key')
      .on(table.studioId, sql`lower(${table.email})`)
      .where(sql`${table.acceptedAt} is null and ${table.revokedAt} is null`),
  ],
);

/**
 * A studio's customers. A guest checkout makes a client without a person (`user_id` null); when a
 * person proves they own the email, every client row with it (in every studio) gets their user id.
 */
export const studioClients = pgTable(
  'studio_clients',
  {
    id: uuidPrimaryKey(),
    studioId: studioId(),
    userId: uuid('user_id'),
    email: text('email').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    /**
     * When this record stopped answering for its address: its person moved to another address (that
     * already had a record here), deleted their account, or someone else has since proved the address.
     * A retired record keeps its history and its person, who still sees it; the address is free, so
     * the next checkout with it starts a new record.
     */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    ...timestamps(),
  },
  (table) => [
    // One live record per address and studio; retired ones may share it.
    uniqueIndex('studio_clients_studio_email_key')
      .on(table.studioId, sql`lower(${table.email})`)
      .where(sql`${table.retiredAt} is null`),
    // Serves linkClientAccounts, which looks across studios by address.
    index('studio_clients_email_idx').on(sql`lower(${table.email})`),
    index('studio_clients_user_idx').on(table.userId),
    // The clients list: a studio's records, newest first, a page at a time.
    index('studio_clients_studio_idx').on(table.studioId, table.id),
  ],
);

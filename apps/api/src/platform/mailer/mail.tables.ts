import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidPrimaryKey } from '../db/columns.js';

/**
 * Every message the platform sends, with how it went. Without SMTP this is where mail is read (the
 * admin's mail view); with SMTP it is the delivery log. studio_id is null for platform mail.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuidPrimaryKey(),
    studioId: uuid('studio_id'),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    template: text('template'),
    transport: text('transport', { enum: ['smtp', 'kept'] }).notNull(),
    status: text('status', { enum: ['kept', 'sent', 'failed'] }).notNull(),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    headers: jsonb('headers').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('mail_messages_studio_idx').on(table.studioId, table.id),
    index('mail_messages_to_idx').on(table.toAddress, table.id),
  ],
);

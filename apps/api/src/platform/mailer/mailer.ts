import { and, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { Database, Db } from '../db/index.js';
import { AppError } from '../http/errors.js';
import { mailMessages } from './mail.tables.js';

export interface OutgoingMail {
  /** One bare address, e.g. 'client@example.com'. */
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The studio the message is sent for; null or absent for platform mail. */
  studioId?: string | null;
  /** The template's name, kept in the log for the admin's mail view. */
  template?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** 'kept' when no SMTP server is configured: messages are only stored, for the admin to read. */
  transport: 'smtp' | 'kept';
  /** Delivers (or keeps) one message and logs it. A failed SMTP delivery is logged, then rethrown. */
  send(message: OutgoingMail): Promise<{ id: string; status: 'sent' | 'kept' }>;
  /** Readiness: the SMTP server answers and accepts the credentials, or the mail log is readable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface MailerDeps {
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>;
  database: Database;
}

export type MailMessage = typeof mailMessages.$inferSelect;
/** A log row without its bodies and headers: what a list of messages shows. */
export type MailSummary = Omit<MailMessage, 'html' | 'text' | 'headers'>;

export function createMailer({ config, database }: MailerDeps): Mailer {
  const record = async (
    message: OutgoingMail,
    outcome: Pick<MailMessage, 'transport' | 'status'> &
      Partial<Pick<MailMessage, 'providerMessageId' | 'error'>>,
  ): Promise<string> => {
    const [row] = await database.db
      .insert(mailMessages)
      .values({
        studioId: message.studioId ?? null,
        toAddress: message.to,
        fromAddress: config.mailFrom,
        subject: message.subject,
        html: message.html,
        text: message.text,
        template: message.template ?? null,
        headers: message.headers ?? null,
        ...outcome,
      })
      .returning({ id: mailMessages.id });
    return row!.id;
  };

  if (!config.smtpUrl) {
    return {
      transport: 'kept',
      send: async (input) => {
        const message = validated(input);
        return { id: await record(message, { transport: 'kept', status: 'kept' }), status: 'kept' };
      },
      ping: async () => {
        await database.db.select({ id: mailMessages.id }).from(mailMessages).limit(1);
      },
      close: async () => {},
    };
  }

  const transporter = nodemailer.createTransport(
    {
      url: config.smtpUrl,
      pool: true,
      // Fail a stuck delivery within a minute so the queue job can retry, instead of nodemailer's minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    },
    { from: config.mailFrom },
  );
  return {
    transport: 'smtp',
    send: async (input) => {
      const message = validated(input);
      let providerMessageId: string;
      try {
        const info = await transporter.sendMail({
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          ...(message.headers ? { headers: message.headers } : {}),
        });
        providerMessageId = info.messageId;
      } catch (error) {
        await record(message, {
          transport: 'smtp',
          status: 'failed',
          error: error instanceof Error ? error.message : String(error),
        });
        throw error;
      }
      return {
        id: await record(message, { transport: 'smtp', status: 'sent', providerMessageId }),
        status: 'sent',
      };
    },
    ping: async () => {
      await transporter.verify();
    },
    close: async () => {
      transporter.close();
    },
  };
}

// Deliberately narrower than RFC 5321: one bare address, nothing that could smuggle in a second recipient.
const MAIL_ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;
const HEADER_NAME = /^[A-Za-z0-9-]+$/;

function validated(message: OutgoingMail): OutgoingMail {
  const to = message.to.trim();
  if (to.length > 254 || !MAIL_ADDRESS.test(to)) {
    throw AppError.invalid('to', 'Must be a single email address, like name@example.com');
  }
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    // A line break in a header would let a caller write headers (or a body) of their own.
    if (!HEADER_NAME.test(name) || /[\r\n]/.test(value)) {
      throw AppError.invalid(
        `headers.${name}`,
        'Header names are letters, digits and dashes; values are one line',
      );
    }
  }
  return { ...message, to };
}

const summaryColumns = {
  id: mailMessages.id,
  studioId: mailMessages.studioId,
  toAddress: mailMessages.toAddress,
  fromAddress: mailMessages.fromAddress,
  subject: mailMessages.subject,
  template: mailMessages.template,
  transport: mailMessages.transport,
  status: mailMessages.status,
  providerMessageId: mailMessages.providerMessageId,
  error: mailMessages.error,
  createdAt: mailMessages.createdAt,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ListMailOptions {
  /** A studio's mail (read through row-level security), null for platform mail only, absent for all. */
  studioId?: string | null;
  /** 1 to 100; 20 when absent. */
  limit?: number;
  /** The last id of the previous page. */
  cursor?: string | null;
}

/** The mail log, newest first, a page at a time. */
export async function listMail(
  database: Database,
  { studioId, limit = 20, cursor }: ListMailOptions = {},
): Promise<{ items: MailSummary[]; nextCursor: string | null }> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw AppError.invalid('limit', 'Must be a whole number from 1 to 100');
  }
  if (cursor && !UUID.test(cursor)) throw new AppError('invalid_cursor');
  const conditions: SQL[] = [];
  if (studioId === null) conditions.push(isNull(mailMessages.studioId));
  if (studioId) conditions.push(eq(mailMessages.studioId, studioId));
  // Ids are UUID v7, so id order is creation order and the last id seen is a stable cursor.
  if (cursor) conditions.push(lt(mailMessages.id, cursor));
  const page = (db: Db) =>
    db
      .select(summaryColumns)
      .from(mailMessages)
      .where(and(...conditions))
      .orderBy(desc(mailMessages.id))
      .limit(limit + 1);
  const rows = studioId ? await database.withStudio(studioId, page) : await page(database.db);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

/** One logged message with its bodies. With studioId the read goes through that studio's row-level security. */
export async function getMail(
  database: Database,
  id: string,
  { studioId }: { studioId?: string } = {},
): Promise<MailMessage> {
  if (!UUID.test(id)) throw new AppError('not_found', 'No such message');
  const find = (db: Db) => db.select().from(mailMessages).where(eq(mailMessages.id, id));
  const [row] = studioId ? await database.withStudio(studioId, find) : await find(database.db);
  if (!row) throw new AppError('not_found', 'No such message');
  return row;
}

import type { Tx } from '../db/index.js';
import type { Queue } from '../queue/index.js';
import type { Mailer, OutgoingMail } from './mailer.js';

/** The queue that carries mail rendered inside a transaction to the worker that sends it. */
export const MAIL_QUEUE = 'mail.outgoing';

/**
 * Queues a rendered message in the caller's transaction, typically an event handler's: the mail exists
 * only if the change commits, and once per event. Never call mailer.send inside a transaction: it writes
 * the mail log on its own connection, which on PGlite waits for the open transaction forever.
 */
export async function queueMail(queue: Queue, tx: Tx, message: OutgoingMail): Promise<void> {
  await queue.send(MAIL_QUEUE, message, { tx });
}

/** Declares the mail queue (before any transaction uses it) and, where workers run, sends what arrives. */
export async function startMailWorker(
  queue: Queue,
  mailer: Mailer,
  options: { work: boolean },
): Promise<void> {
  await queue.declare(MAIL_QUEUE);
  if (!options.work) return;
  await queue.work<OutgoingMail>(MAIL_QUEUE, async (message) => {
    await mailer.send(message);
  });
}

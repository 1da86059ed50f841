import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { AppError } from '../http/errors.js';
import { mailMessages } from './mail.tables.js';
import { createMailer, getMail, listMail } from './mailer.js';
import { renderMail, welcome } from './templates.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.destroy();
});

const welcomeMail = (studioName = 'Lumen Studio') =>
  renderMail(
    welcome,
    { locale: 'en', clientName: 'Ploy', studioName, portalUrl: 'https://lumen.example.com/portal' },
    { brand: { studioName, color: '#7c3aed' } },
  );

/** Message ids visible to the app role inside one studio's row-level-security scope. */
const idsVisibleTo = (studioId: string) =>
  database.withStudio(studioId, async (tx) =>
    (await tx.select({ id: mailMessages.id }).from(mailMessages)).map((row) => row.id),
  );

describe('kept transport (no SMTP configured)', () => {
  const mailer = () => createMailer({ config: testConfig({ smtpUrl: undefined }), database });

  it('keeps the message in the log, readable in full', async () => {
    const studioId = randomUUID();
    const rendered = welcomeMail();
    const result = await mailer().send({
      to: ' ploy@example.com ',
      studioId,
      headers: { 'X-Atelier-Event': 'client.created' },
      ...rendered,
    });
    expect(result.status).toBe('kept');

    const stored = await getMail(database, result.id);
    expect(stored).toMatchObject({
      studioId,
      toAddress: 'ploy@example.com',
      fromAddress: testConfig().mailFrom,
      subject: 'Welcome to Lumen Studio',
      template: 'welcome',
      transport: 'kept',
      status: 'kept',
      headers: { 'X-Atelier-Event': 'client.created' },
    });
    expect(stored.html).toBe(rendered.html);
    expect(stored.text).toContain('https://lumen.example.com/portal');
  });

  it("is visible inside its own studio's scope and not inside another studio's", async () => {
    const studioA = randomUUID();
    const studioB = randomUUID();
    const { id } = await mailer().send({ to: 'a@example.com', studioId: studioA, ...welcomeMail() });

    expect(await idsVisibleTo(studioA)).toEqual([id]);
    expect(await idsVisibleTo(studioB)).toEqual([]);
    expect((await getMail(database, id, { studioId: studioA })).id).toBe(id);
    await expect(getMail(database, id, { studioId: studioB })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses an address that is not one plain email address, and logs nothing', async () => {
    const before = await database.db.$count(mailMessages);
    for (const to of ['not-an-address', 'a@example.com, b@example.com', 'Ploy <ploy@example.com>', 'a@b']) {
      const error = await mailer()
        .send({ to, ...welcomeMail() })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'validation_failed', fields: [{ field: 'to' }] });
    }
    expect(await database.db.$count(mailMessages)).toBe(before);
  });

  it('refuses a header value with a line break', async () => {
    await expect(
      mailer().send({
        to: 'a@example.com',
        headers: { 'X-Note': 'one\r\nBcc: x@evil.test' },
        ...welcomeMail(),
      }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: [{ field: 'headers.X-Note' }] });
  });

  it('answers ping while the mail log is readable', async () => {
    await expect(mailer().ping()).resolves.toBeUndefined();
  });
});

describe('listMail', () => {
  it('pages through a studio’s mail newest first with the last id as the cursor', async () => {
    const studioId = randomUUID();
    const mailer = createMailer({ config: testConfig({ smtpUrl: undefined }), database });
    const sent: string[] = [];
    for (const n of [1, 2, 3]) {
      sent.push((await mailer.send({ to: `c${n}@example.com`, studioId, ...welcomeMail() })).id);
    }
    await mailer.send({ to: 'other@example.com', studioId: randomUUID(), ...welcomeMail() });

    const first = await listMail(database, { studioId, limit: 2 });
    expect(first.items.map((item) => item.toAddress)).toEqual(['c3@example.com', 'c2@example.com']);
    expect(first.items[0]).not.toHaveProperty('html');
    expect(first.nextCursor).toBe(sent[1]);
    const second = await listMail(database, { studioId, limit: 2, cursor: first.nextCursor });
    expect(second.items.map((item) => item.id)).toEqual([sent[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('lists only platform mail when studioId is null, and everything when it is absent', async () => {
    const mailer = createMailer({ config: testConfig({ smtpUrl: undefined }), database });
    const platform = await mailer.send({
      to: 'admin@example.com',
      studioId: null,
      ...welcomeMail('Atelier'),
    });
    const studio = await mailer.send({ to: 'client@example.com', studioId: randomUUID(), ...welcomeMail() });

    const platformOnly = await listMail(database, { studioId: null, limit: 100 });
    expect(platformOnly.items.map((item) => item.id)).toContain(platform.id);
    expect(platformOnly.items.every((item) => item.studioId === null)).toBe(true);
    const all = await listMail(database, { limit: 2 });
    expect(all.items.map((item) => item.id)).toEqual([studio.id, platform.id]);
  });

  it('rejects a malformed cursor and an out-of-range limit', async () => {
    await expect(listMail(database, { cursor: 'nope' })).rejects.toMatchObject({ code: 'invalid_cursor' });
    await expect(listMail(database, { limit: 101 })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(getMail(database, 'nope')).rejects.toMatchObject({ code: 'not_found' });
  });
});

interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

/** A real SMTP server on a random local port that collects what it is sent. */
async function startSmtpServer(options: Partial<SMTPServerOptions> = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...options,
  });
  const port = await new Promise<number>((resolve, reject) => {
    const listener = server.listen(0, '127.0.0.1', () =>
      resolve((listener.address() as net.AddressInfo).port),
    );
    listener.once('error', reject);
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Undoes quoted-printable, so assertions can read the parts as written. */
const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

describe('SMTP transport', () => {
  it('delivers subject, text and HTML parts to the server and logs the message as sent', async () => {
    const smtp = await startSmtpServer();
    const mailer = createMailer({ config: testConfig({ smtpUrl: smtp.url }), database });
    try {
      expect(mailer.transport).toBe('smtp');
      const rendered = welcomeMail();
      const result = await mailer.send({
        to: 'ploy@example.com',
        studioId: randomUUID(),
        headers: { 'X-Atelier-Event': 'client.created' },
        ...rendered,
      });
      expect(result.status).toBe('sent');

      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail!.to).toEqual(['ploy@example.com']);
      expect(mail!.from).toBe('no-reply@atelier.localhost');
      const data = decodeQuotedPrintable(mail!.data);
      expect(data).toContain('Subject: Welcome to Lumen Studio');
      expect(data).toContain('X-Atelier-Event: client.created');
      expect(data).toMatch(/Content-Type: text\/plain/i);
      expect(data).toMatch(/Content-Type: text\/html/i);
      expect(data).toContain('Open your account: https://lumen.example.com/portal');
      expect(data).toContain(
        '<h1 style="margin:0 0 16px;color:#111827;font-size:22px;line-height:1.3;">Welcome, Ploy</h1>',
      );

      const stored = await getMail(database, result.id);
      expect(stored).toMatchObject({
        transport: 'smtp',
        status: 'sent',
        error: null,
        toAddress: 'ploy@example.com',
      });
      expect(stored.providerMessageId).toMatch(/^<.+@.+>$/);
      expect(data).toContain(`Message-ID: ${stored.providerMessageId}`);
    } finally {
      await mailer.close();
      await smtp.close();
    }
  });

  it('logs a rejected delivery as failed and rethrows so the job retries', async () => {
    const smtp = await startSmtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      },
    });
    const mailer = createMailer({ config: testConfig({ smtpUrl: smtp.url }), database });
    const studioId = randomUUID();
    try {
      await expect(mailer.send({ to: 'gone@example.com', studioId, ...welcomeMail() })).rejects.toThrow(
        /Mailbox unavailable/,
      );
      expect(smtp.received).toHaveLength(0);
      const { items } = await listMail(database, { studioId });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ transport: 'smtp', status: 'failed', toAddress: 'gone@example.com' });
      expect(items[0]!.error).toContain('Mailbox unavailable');
    } finally {
      await mailer.close();
      await smtp.close();
    }
  });

  it('answers ping when the server is up and rejects it when nothing listens', async () => {
    const smtp = await startSmtpServer();
    const mailer = createMailer({ config: testConfig({ smtpUrl: smtp.url }), database });
    try {
      await expect(mailer.ping()).resolves.toBeUndefined();
    } finally {
      await mailer.close();
      await smtp.close();
    }
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const unreachable = createMailer({
      config: testConfig({ smtpUrl: `smtp://127.0.0.1:${closedPort}` }),
      database,
    });
    try {
      await expect(unreachable.ping()).rejects.toThrow();
    } finally {
      await unreachable.close();
    }
  });
});

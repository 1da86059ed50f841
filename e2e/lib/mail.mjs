import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on a free loopback port that keeps every message in memory, so journeys can read
 * the verification and reset links the app mails out. The app reaches it through SMTP_URL.
 */
export async function startMailServer() {
  const messages = [];
  const waiters = new Set();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const message = {
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
          subject: decodeHeader(/^subject:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? ''),
          text: decodeBody(raw),
          raw,
        };
        messages.push(message);
        for (const waiter of waiters) waiter();
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.server.address();

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** The first message to `address` (after `since` messages) that `match` accepts; waits for it. */
    async waitFor(address, match = () => true, { timeout = 20_000, since = 0 } = {}) {
      const find = () =>
        messages.slice(since).find((message) => message.to.includes(address.toLowerCase()) && match(message));
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        const found = find();
        if (found) return found;
        await new Promise((resolve) => {
          const done = () => {
            waiters.delete(done);
            resolve();
          };
          waiters.add(done);
          setTimeout(done, 500);
        });
      }
      throw new Error(
        `no mail to ${address} within ${timeout / 1000} s; got: ${messages.map((m) => `${m.to} "${m.subject}"`).join(', ') || 'none'}`,
      );
    },
    /** Every http(s) link in a message, decoded (quoted-printable, HTML entities). */
    links(message) {
      return [...new Set(message.text.match(/https?:\/\/[^\s"'<>)]+/g) ?? [])].map((link) =>
        link.replaceAll('&amp;', '&'),
      );
    },
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * An RFC 2047 header: encoded-words next to each other are one text (the space between them is folding,
 * not content), and a long Thai subject splits its UTF-8 bytes across words, so their bytes are joined
 * before decoding rather than each word decoded alone.
 */
function decodeHeader(value) {
  const wordBytes = (encoding, text) =>
    encoding.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text
            .replaceAll('_', ' ')
            .replace(/=([0-9a-f]{2})/gi, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16))),
          'latin1',
        );
  return value
    .replace(/\r?\n[ \t]/g, ' ')
    .replace(/(?:=\?utf-8\?[bq]\?[^?]*\?=\s*)+/gi, (run) => {
      const bytes = [...run.matchAll(/=\?utf-8\?([bq])\?([^?]*)\?=/gi)].map(([, encoding, text]) =>
        wordBytes(encoding, text),
      );
      // the run swallowed the space after its last word; give back what followed it in the header
      const trailing = /\s*$/.exec(run)?.[0] ?? '';
      return Buffer.concat(bytes).toString('utf8') + trailing;
    })
    .trim();
}

function decodeQuotedPrintable(text) {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9a-f]{2})/gi, (_, hex) => `%${hex}`);
  try {
    return decodeURIComponent(bytes.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  } catch {
    return bytes;
  }
}

/** The message's parts, each decoded from quoted-printable or base64, joined (good enough for links). */
function decodeBody(raw) {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts
    .map((part) => {
      const [headers, ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      if (/content-transfer-encoding:\s*base64/i.test(headers)) {
        return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      }
      if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) return decodeQuotedPrintable(body);
      return body;
    })
    .join('\n');
}

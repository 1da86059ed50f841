import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { createStorage } from './index.js';
import { createLocalStorage } from './local.js';
import { createS3Storage } from './s3.js';
import type { Storage } from './storage.js';
import { createTestFilesApp, startTestS3Server } from './testing.js';

interface Download {
  status: number;
  header(name: string): string | undefined;
  body: Buffer;
}

/** One driver wired to its backend, plus a way to follow the links it signs. */
interface Harness {
  storage: Storage;
  /** The same files, signing with a clock two hours slow, so its links are born expired. */
  storageSigningInThePast: Storage;
  download(url: string): Promise<Download>;
  close(): Promise<void>;
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;
const SECRET = 'storage-test-secret-0123456789abcdef';

async function localHarness(): Promise<Harness> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'atelier-files-'));
  const options = { root, publicUrl: 'http://files.test', secret: SECRET };
  const storage = createLocalStorage(options);
  const app = await createTestFilesApp(storage, SECRET);
  return {
    storage,
    storageSigningInThePast: createLocalStorage({ ...options, now: () => Date.now() - TWO_HOURS_MS }),
    async download(url) {
      expect(url.startsWith('http://files.test/api/files/')).toBe(true);
      const { pathname, search } = new URL(url);
      const response = await app.inject({ method: 'GET', url: pathname + search });
      return {
        status: response.statusCode,
        header: (name) => response.headers[name]?.toString(),
        body: response.rawPayload,
      };
    },
    async close() {
      await app.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

// s3rver checks a presigned link's expiry but not its V4 signature, so tampering is tested on the
// local route only (routes.test.ts).
async function s3Harness(): Promise<Harness> {
  const server = await startTestS3Server();
  return {
    storage: createS3Storage(server.options),
    storageSigningInThePast: createS3Storage({ ...server.options, now: () => Date.now() - TWO_HOURS_MS }),
    async download(url) {
      const response = await fetch(url);
      return {
        status: response.status,
        header: (name) => response.headers.get(name) ?? undefined,
        body: Buffer.from(await response.arrayBuffer()),
      };
    },
    close: () => server.close(),
  };
}

/** Emits `bytes` in 64 KiB chunks, then fails if `failWith` is given, like a dropped upload. */
function streamOf(bytes: Buffer, failWith?: Error): Readable {
  return Readable.from(
    (async function* () {
      for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
        yield bytes.subarray(offset, offset + 64 * 1024);
      }
      if (failWith) throw failWith;
    })(),
  );
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const BAD_KEYS = [
  '',
  '/leading/slash.jpg',
  '../escape.jpg',
  'a/../../escape.jpg',
  'a/./b.jpg',
  'a//b.jpg',
  'trailing/',
  'back\\slash.jpg',
  'new\nline.jpg',
  'nul\u0000.jpg',
  'lone\uD800surrogate.jpg',
  'k'.repeat(513),
  `${'s'.repeat(256)}/too-long-segment.jpg`,
];

for (const [driver, start] of [
  ['local', localHarness],
  ['s3', s3Harness],
] as const) {
  describe(`${driver} storage`, () => {
    let harness: Harness;
    let storage: Storage;
    beforeAll(async () => {
      harness = await start();
      storage = harness.storage;
    });
    afterAll(() => harness.close());

    it('reports its driver and is ready', async () => {
      expect(storage.driver).toBe(driver);
      await expect(storage.ping()).resolves.toBeUndefined();
    });

    it('streams a multi-megabyte upload in and out byte for byte, keeping its content type', async () => {
      // 10 MiB and a bit: more than one 8 MiB part, and not a multiple of any chunk size.
      const bytes = randomBytes(10 * 1024 * 1024 + 123);
      const stored = await storage.put('studios/s1/films/reel.mp4', streamOf(bytes), {
        contentType: 'video/mp4',
      });
      expect(stored).toEqual({ key: 'studios/s1/films/reel.mp4', size: bytes.length });

      const file = await storage.get('studios/s1/films/reel.mp4');
      expect(file.contentType).toBe('video/mp4');
      expect(file.size).toBe(bytes.length);
      expect((await readAll(file.body)).equals(bytes)).toBe(true);
    });

    it('stores a Buffer with a declared length and describes it with head', async () => {
      const bytes = Buffer.from('not really a png');
      await storage.put('logos/mark.png', bytes, { contentType: 'image/png', contentLength: bytes.length });
      expect(await storage.head('logos/mark.png')).toEqual({ contentType: 'image/png', size: bytes.length });
      expect(await storage.head('logos/absent.png')).toBeNull();
    });

    it('keeps an empty file', async () => {
      await storage.put('empty.txt', Buffer.alloc(0), { contentType: 'text/plain' });
      const file = await storage.get('empty.txt');
      expect(file.size).toBe(0);
      expect((await readAll(file.body)).length).toBe(0);
    });

    it('replaces the bytes and content type when a key is written again', async () => {
      await storage.put('notes/today', Buffer.from('first'), { contentType: 'text/plain' });
      await storage.put('notes/today', Buffer.from('{"second":true}'), { contentType: 'application/json' });
      const file = await storage.get('notes/today');
      expect(file.contentType).toBe('application/json');
      expect((await readAll(file.body)).toString()).toBe('{"second":true}');
    });

    it('accepts keys with spaces, brackets and non-Latin letters', async () => {
      const key = 'studios/s1/ภาพถ่าย/summer (1) & co+more.jpg';
      await storage.put(key, Buffer.from('photo'), { contentType: 'image/jpeg' });
      expect((await readAll((await storage.get(key)).body)).toString()).toBe('photo');
      const download = await harness.download(await storage.signedUrl(key, { expiresInSeconds: 60 }));
      expect(download.status).toBe(200);
      expect(download.body.toString()).toBe('photo');
    });

    it('deletes a file, and deleting it again or deleting a missing key succeeds', async () => {
      await storage.put('trash/old.txt', Buffer.from('bye'), { contentType: 'text/plain' });
      await storage.delete('trash/old.txt');
      await storage.delete('trash/old.txt');
      await storage.delete('trash/never-existed.txt');
      expect(await storage.head('trash/old.txt')).toBeNull();
    });

    it('throws not_found when reading a missing key', async () => {
      await expect(storage.get('nothing/here.txt')).rejects.toMatchObject({ code: 'not_found', status: 404 });
    });

    it('rejects unsafe or malformed keys on every method, naming the key field', async () => {
      for (const key of BAD_KEYS) {
        const calls = [
          () => storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }),
          () => storage.get(key),
          () => storage.head(key),
          () => storage.delete(key),
          () => storage.signedUrl(key, { expiresInSeconds: 60 }),
        ];
        for (const call of calls) {
          await expect(call(), JSON.stringify(key)).rejects.toMatchObject({
            code: 'validation_failed',
            fields: [{ field: 'key' }],
          });
        }
      }
    });

    it('refuses a content type that could not be sent back as a header', async () => {
      await expect(
        storage.put('bad/type.txt', Buffer.from('x'), { contentType: 'text/plain\r\nX-Evil: 1' }),
      ).rejects.toMatchObject({ code: 'validation_failed', fields: [{ field: 'contentType' }] });
    });

    it('refuses a body that is shorter than its declared length and stores nothing', async () => {
      await expect(
        storage.put('short/body.bin', streamOf(randomBytes(1000)), {
          contentType: 'application/octet-stream',
          contentLength: 2000,
        }),
      ).rejects.toMatchObject({ code: 'validation_failed', fields: [{ field: 'contentLength' }] });
      expect(await storage.head('short/body.bin')).toBeNull();
    });

    it('keeps the previous version when an upload fails part-way', async () => {
      await storage.put('gallery/cover.jpg', Buffer.from('version one'), { contentType: 'image/jpeg' });
      // 17 MiB reaches S3's third part, so the multipart upload has started and must be aborted.
      const dropped = streamOf(randomBytes(17 * 1024 * 1024), new Error('connection reset'));
      await expect(storage.put('gallery/cover.jpg', dropped, { contentType: 'image/jpeg' })).rejects.toThrow(
        'connection reset',
      );
      const file = await storage.get('gallery/cover.jpg');
      expect((await readAll(file.body)).toString()).toBe('version one');
    });

    it('signs a download link that works until it expires', async () => {
      const bytes = randomBytes(300 * 1024);
      await storage.put('deliveries/final.zip', bytes, { contentType: 'application/zip' });

      const fresh = await harness.download(
        await storage.signedUrl('deliveries/final.zip', { expiresInSeconds: 600 }),
      );
      expect(fresh.status).toBe(200);
      expect(fresh.header('content-type')).toBe('application/zip');
      expect(fresh.body.equals(bytes)).toBe(true);

      const expired = await harness.download(
        await harness.storageSigningInThePast.signedUrl('deliveries/final.zip', { expiresInSeconds: 600 }),
      );
      expect(expired.status).toBe(403);
    });

    it('signs the download name into the link so the browser saves the file under it', async () => {
      await storage.put('deliveries/cv.pdf', Buffer.from('%PDF'), { contentType: 'application/pdf' });
      const url = await storage.signedUrl('deliveries/cv.pdf', {
        expiresInSeconds: 60,
        downloadName: 'Résumé "final".pdf',
      });
      const download = await harness.download(url);
      expect(download.status).toBe(200);
      expect(download.header('content-disposition')).toBe(
        `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
      );
    });

    it('refuses link lifetimes outside one second to one week', async () => {
      for (const expiresInSeconds of [0, -5, 1.5, 7 * 24 * 60 * 60 + 1]) {
        await expect(storage.signedUrl('any/key', { expiresInSeconds })).rejects.toMatchObject({
          code: 'validation_failed',
          fields: [{ field: 'expiresInSeconds' }],
        });
      }
    });
  });
}

describe('createStorage', () => {
  it('uses local disk under <dataDir>/files when no bucket is configured', () => {
    expect(createStorage(testConfig({ s3: undefined })).driver).toBe('local');
  });

  it('uses S3 when a bucket is configured', () => {
    const s3 = {
      bucket: 'atelier',
      region: 'auto',
      endpoint: 'https://example.r2.cloudflarestorage.com',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: false,
    };
    expect(createStorage(testConfig({ s3 })).driver).toBe('s3');
  });
});

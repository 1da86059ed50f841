import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage, verifyLocalSignature } from './local.js';
import { createS3Storage } from './s3.js';
import type { Storage } from './storage.js';
import { createTestFilesApp } from './testing.js';

const SECRET = 'routes-test-secret-0123456789abcdef';
const HOUR_MS = 60 * 60 * 1000;

describe('GET /api/files/* (local signed links)', () => {
  let root: string;
  let storage: Storage;
  let app: FastifyInstance;

  /** Signs a link the way the driver does and returns the path + query to inject. */
  async function link(
    key: string,
    options: { expiresInSeconds?: number; downloadName?: string; now?: number } = {},
  ) {
    const signer = createLocalStorage({
      root,
      publicUrl: 'http://files.test',
      secret: SECRET,
      now: () => options.now ?? Date.now(),
    });
    const url = new URL(
      await signer.signedUrl(key, {
        expiresInSeconds: options.expiresInSeconds ?? 600,
        downloadName: options.downloadName,
      }),
    );
    return url;
  }

  const get = (url: URL) => app.inject({ method: 'GET', url: url.pathname + url.search });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'atelier-files-routes-'));
    storage = createLocalStorage({ root, publicUrl: 'http://files.test', secret: SECRET });
    app = await createTestFilesApp(storage, SECRET);
    await storage.put('proofs/p1.jpg', Buffer.from('jpeg bytes'), { contentType: 'image/jpeg' });
    await storage.put('proofs/p2.jpg', Buffer.from('other jpeg'), { contentType: 'image/jpeg' });
  });
  afterAll(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  it('streams the file with its type, length and a private cache lifetime no longer than the link', async () => {
    const response = await get(await link('proofs/p1.jpg', { expiresInSeconds: 600 }));
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('jpeg bytes');
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['content-length']).toBe('10');
    expect(response.headers['content-disposition']).toBeUndefined();
    const maxAge = Number(/^private, max-age=(\d+)$/.exec(String(response.headers['cache-control']))?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(598);
    expect(maxAge).toBeLessThanOrEqual(600);
    expect(response.headers['content-security-policy']).toContain('sandbox');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 403 "expired" for a correctly signed link past its time', async () => {
    const response = await get(
      await link('proofs/p1.jpg', { expiresInSeconds: 60, now: Date.now() - HOUR_MS }),
    );
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'forbidden', detail: 'This link has expired' });
  });

  it('answers 403 when the signature, expiry, file or download name was changed', async () => {
    const tamperings: ((url: URL) => void)[] = [
      (url) => {
        const signature = url.searchParams.get('signature')!;
        url.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`);
      },
      (url) => url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600)),
      (url) => {
        url.pathname = url.pathname.replace('p1.jpg', 'p2.jpg');
      },
      (url) => url.searchParams.set('download', 'invoice.exe'),
      (url) => url.searchParams.delete('download'),
    ];
    for (const tamper of tamperings) {
      const url = await link('proofs/p1.jpg', { downloadName: 'proof.jpg' });
      tamper(url);
      const response = await get(url);
      expect(response.statusCode, tamper.toString()).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden', detail: 'This link is not valid' });
    }
  });

  it('adds an attachment disposition when a download name was signed in', async () => {
    const response = await get(await link('proofs/p1.jpg', { downloadName: 'Wedding proof.jpg' }));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="Wedding proof.jpg"; filename*=UTF-8''Wedding%20proof.jpg`,
    );
  });

  it('answers 404 for a validly signed link to a file that is gone', async () => {
    const url = await link('proofs/deleted.jpg');
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('answers 400 when the link lacks its signature or expiry', async () => {
    const url = await link('proofs/p1.jpg');
    url.searchParams.delete('signature');
    expect((await get(url)).statusCode).toBe(400);
    const noExpiry = await link('proofs/p1.jpg');
    noExpiry.searchParams.delete('expires');
    expect((await get(noExpiry)).statusCode).toBe(400);
  });

  it('answers 400 naming the key when the path is not a valid key, before looking at the signature', async () => {
    // inject() resolves `..` in URLs itself; the storage contract covers traversal keys directly.
    const response = await app.inject({
      method: 'GET',
      url: `/api/files/a%00b?expires=1&signature=${'a'.repeat(43)}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'key' }] });
  });
});

describe('verifyLocalSignature', () => {
  it('accepts exactly what was signed and nothing else', async () => {
    const storage = createLocalStorage({ root: '/unused', publicUrl: 'http://files.test', secret: SECRET });
    const url = new URL(await storage.signedUrl('a/b.txt', { expiresInSeconds: 60, downloadName: 'b.txt' }));
    const signed = {
      key: 'a/b.txt',
      expires: Number(url.searchParams.get('expires')),
      downloadName: 'b.txt',
      signature: url.searchParams.get('signature')!,
    };
    expect(verifyLocalSignature(SECRET, signed)).toBe(true);
    expect(verifyLocalSignature('another-secret-0123456789abcdef0123', signed)).toBe(false);
    expect(verifyLocalSignature(SECRET, { ...signed, key: 'a/c.txt' })).toBe(false);
    expect(verifyLocalSignature(SECRET, { ...signed, downloadName: undefined })).toBe(false);
    expect(verifyLocalSignature(SECRET, { ...signed, signature: 'short' })).toBe(false);
  });
});

describe('storage routes with the S3 driver', () => {
  it('registers nothing, because the bucket serves its own presigned links', async () => {
    const storage = createS3Storage({
      bucket: 'atelier',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
    const app = await createTestFilesApp(storage, SECRET);
    const response = await app.inject({ method: 'GET', url: '/api/files/a.txt?expires=1&signature=x' });
    expect(response.statusCode).toBe(404);
    await app.close();
  });
});

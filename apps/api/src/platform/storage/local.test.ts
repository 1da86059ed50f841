import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStorage } from './local.js';
import type { Storage } from './storage.js';

describe('local storage on disk', () => {
  let root: string;
  let storage: Storage;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'atelier-files-local-'));
    storage = createLocalStorage({
      root,
      publicUrl: 'http://files.test',
      secret: 'local-test-secret-0123456789abcdef',
    });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('keeps the bytes as a plain file at objects/<key> and the content type under meta/<key>', async () => {
    const bytes = randomBytes(4096);
    await storage.put('studios/s1/raw.bin', bytes, { contentType: 'application/x-raw' });
    expect((await readFile(path.join(root, 'objects', 'studios', 's1', 'raw.bin'))).equals(bytes)).toBe(true);
    expect(JSON.parse(await readFile(path.join(root, 'meta', 'studios', 's1', 'raw.bin'), 'utf8'))).toEqual({
      contentType: 'application/x-raw',
    });
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
  });

  it('leaves no temporary file behind when an upload fails', async () => {
    const failing = Readable.from(
      (async function* () {
        yield randomBytes(1024);
        throw new Error('client went away');
      })(),
    );
    await expect(storage.put('uploads/partial.bin', failing, { contentType: 'image/jpeg' })).rejects.toThrow(
      'client went away',
    );
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(await storage.head('uploads/partial.bin')).toBeNull();
  });

  it('answers conflict on the key when a key and a folder of the same name would clash on disk', async () => {
    await storage.put('albums/2024', Buffer.from('a file'), { contentType: 'text/plain' });
    await expect(
      storage.put('albums/2024/cover.jpg', Buffer.from('x'), { contentType: 'image/jpeg' }),
    ).rejects.toMatchObject({ code: 'conflict', fields: [{ field: 'key' }] });

    await storage.put('shoots/june/1.jpg', Buffer.from('x'), { contentType: 'image/jpeg' });
    await expect(
      storage.put('shoots/june', Buffer.from('x'), { contentType: 'text/plain' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
  });

  it('treats a folder as no file at all', async () => {
    await storage.put('shoots/july/1.jpg', Buffer.from('x'), { contentType: 'image/jpeg' });
    expect(await storage.head('shoots/july')).toBeNull();
    await expect(storage.get('shoots/july')).rejects.toMatchObject({ code: 'not_found' });
    await expect(storage.get('shoots/july/1.jpg/deeper')).rejects.toMatchObject({ code: 'not_found' });
    await storage.delete('shoots/july');
    expect(await storage.head('shoots/july/1.jpg')).not.toBeNull();
  });

  it('signs links to the public URL with the key encoded per segment', async () => {
    const url = new URL(await storage.signedUrl('a b/c#d?.txt', { expiresInSeconds: 60 }));
    expect(url.origin).toBe('http://files.test');
    expect(url.pathname).toBe('/api/files/a%20b/c%23d%3F.txt');
    expect([...url.searchParams.keys()]).toEqual(['expires', 'signature']);
  });
});

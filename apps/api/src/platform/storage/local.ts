import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import {
  access,
  constants,
  mkdir,
  open,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../http/errors.js';
import {
  assertValidKey,
  assertValidPutOptions,
  assertValidSignedUrlOptions,
  contentLengthMismatch,
  type FileMetadata,
  type Storage,
} from './storage.js';

export interface LocalStorageOptions {
  /** Directory that holds everything, e.g. `<dataDir>/files`. */
  root: string;
  /** Origin the API is reached at; signed URLs point to `${publicUrl}/api/files/...`. */
  publicUrl: string;
  /** Signs download URLs (the app secret). */
  secret: string;
  /** Milliseconds since the epoch; tests pass a clock to sign links that are already expired. */
  now?: () => number;
}

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Files on local disk. Three sibling trees under `root`, so no key can collide with bookkeeping:
 * - `objects/<key>`: the bytes exactly as uploaded (plain files: a copy or `aws s3 sync` just works);
 * - `meta/<key>`: `{"contentType": ...}` for that file;
 * - `tmp/`: writes in progress, renamed into place when complete (same filesystem, so atomic).
 * The rename of the object is the commit point; metadata is renamed just before it, so a crash in
 * between leaves an orphan metadata file that nothing reads, never a file without its content type.
 */
export function createLocalStorage(options: LocalStorageOptions): Storage {
  const now = options.now ?? Date.now;
  const objectPath = (key: string) => path.join(options.root, 'objects', ...key.split('/'));
  const metaPath = (key: string) => path.join(options.root, 'meta', ...key.split('/'));
  const tmpDir = path.join(options.root, 'tmp');

  async function readContentType(key: string): Promise<string> {
    try {
      const meta = JSON.parse(await readFile(metaPath(key), 'utf8')) as { contentType?: unknown };
      return typeof meta.contentType === 'string' ? meta.contentType : DEFAULT_CONTENT_TYPE;
    } catch (error) {
      if (isMissing(error)) return DEFAULT_CONTENT_TYPE;
      throw error;
    }
  }

  return {
    driver: 'local',

    async put(key, body, putOptions) {
      assertValidKey(key);
      assertValidPutOptions(putOptions);
      await mkdir(tmpDir, { recursive: true });
      const id = randomUUID();
      const tmpObject = path.join(tmpDir, `${id}.object`);
      const tmpMeta = path.join(tmpDir, `${id}.meta`);
      try {
        // flush: fsync before close, so a power cut after the rename cannot leave an empty file.
        const file = createWriteStream(tmpObject, { flush: true });
        await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, file);
        const size = file.bytesWritten;
        if (putOptions.contentLength !== undefined && size !== putOptions.contentLength) {
          throw contentLengthMismatch(putOptions.contentLength, size);
        }
        await writeFile(tmpMeta, JSON.stringify({ contentType: putOptions.contentType }), { flush: true });
        await Promise.all([
          mkdir(path.dirname(objectPath(key)), { recursive: true }),
          mkdir(path.dirname(metaPath(key)), { recursive: true }),
        ]);
        await rename(tmpMeta, metaPath(key));
        await rename(tmpObject, objectPath(key));
        return { key, size };
      } catch (error) {
        await Promise.all([rm(tmpObject, { force: true }), rm(tmpMeta, { force: true })]);
        throw pathClash(error)
          ? AppError.conflictOn('key', 'The key clashes with a folder of that name')
          : error;
      }
    },

    async get(key) {
      assertValidKey(key);
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(objectPath(key), 'r');
      } catch (error) {
        if (isMissing(error)) throw new AppError('not_found', 'No such file');
        throw error;
      }
      try {
        // Size from the open handle: a concurrent overwrite replaces the path, not these bytes.
        const info = await handle.stat();
        if (!info.isFile()) throw new AppError('not_found', 'No such file');
        const contentType = await readContentType(key);
        return { body: handle.createReadStream(), contentType, size: info.size };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async head(key): Promise<FileMetadata | null> {
      assertValidKey(key);
      try {
        const info = await stat(objectPath(key));
        if (!info.isFile()) return null;
        return { contentType: await readContentType(key), size: info.size };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      assertValidKey(key);
      for (const file of [objectPath(key), metaPath(key)]) {
        try {
          await unlink(file);
        } catch (error) {
          if (!isMissing(error)) throw error;
        }
      }
    },

    async signedUrl(key, urlOptions) {
      assertValidKey(key);
      assertValidSignedUrlOptions(urlOptions);
      const expires = Math.floor(now() / 1000) + urlOptions.expiresInSeconds;
      const downloadName = urlOptions.downloadName || undefined;
      const query = new URLSearchParams({ expires: String(expires) });
      if (downloadName) query.set('download', downloadName);
      query.set('signature', signLocal(options.secret, key, expires, downloadName));
      const encodedKey = key.split('/').map(encodeURIComponent).join('/');
      return `${options.publicUrl}/api/files/${encodedKey}?${query}`;
    },

    async ping() {
      await mkdir(tmpDir, { recursive: true });
      await access(tmpDir, constants.R_OK | constants.W_OK);
    },
  };
}

/** Checks a local download link's signature in constant time. Expiry is the caller's to check. */
export function verifyLocalSignature(
  secret: string,
  link: { key: string; expires: number; downloadName?: string | undefined; signature: string },
): boolean {
  const expected = Buffer.from(signLocal(secret, link.key, link.expires, link.downloadName || undefined));
  const given = Buffer.from(link.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function signLocal(secret: string, key: string, expires: number, downloadName: string | undefined): string {
  // The prefix keeps these signatures from being valid anywhere else the app secret signs things;
  // keys cannot contain a newline, so the fields cannot be shifted into one another.
  const payload = `atelier-file-download\n${key}\n${expires}\n${downloadName ?? ''}`;
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // ENOTDIR: a parent of the path is a file, so this key cannot exist either.
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

// On disk `a` and `a/b` cannot both exist, unlike in a bucket.
function pathClash(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST';
}

import type { Readable } from 'node:stream';
import { AppError } from '../http/errors.js';

/** What is known about a stored file without reading it. */
export interface FileMetadata {
  contentType: string;
  size: number;
}

/** A stored file opened for reading; the caller must consume or destroy `body`. */
export interface StoredFile extends FileMetadata {
  body: Readable;
}

export interface PutOptions {
  contentType: string;
  /** When given, a body of any other length is refused and nothing is stored. */
  contentLength?: number;
}

export interface SignedUrlOptions {
  expiresInSeconds: number;
  /** Makes the browser save the file under this name instead of showing it. */
  downloadName?: string;
}

/**
 * Where files live: local disk or an S3-compatible bucket, chosen by `createStorage`. Every method
 * validates its key first and throws AppError('validation_failed') naming the field `key`.
 */
export interface Storage {
  readonly driver: 'local' | 's3';
  /** Streams `body` in; the file becomes visible only once every byte is stored. Overwrites. */
  put(key: string, body: Buffer | Readable, options: PutOptions): Promise<{ key: string; size: number }>;
  /** Throws AppError('not_found') when there is no such file. */
  get(key: string): Promise<StoredFile>;
  head(key: string): Promise<FileMetadata | null>;
  /** Succeeds whether or not the file exists. */
  delete(key: string): Promise<void>;
  /** A download URL anyone can use until it expires. Does not check that the file exists. */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
  /** Resolves when files can be read and written; throws otherwise (used by /api/ready). */
  ping(): Promise<void>;
}

const MAX_KEY_BYTES = 512;
// Each segment becomes a file or directory name on local disk, which filesystems cap at 255 bytes.
const MAX_SEGMENT_BYTES = 255;
// S3 refuses presigned URLs valid for longer than a week; the local driver keeps the same bound.
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 60 * 60;

// Control characters, plus unpaired surrogates, which cannot be encoded as UTF-8.
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;

/**
 * Keys look like relative paths (`studios/<id>/files/<id>/photo.jpg`): printable, at most 512 bytes,
 * no leading slash, no backslash, no empty, `.` or `..` segment, so one key means one place on disk.
 */
export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw AppError.invalid('key', problem);
}

function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'The key must not be empty';
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return `The key must be at most ${MAX_KEY_BYTES} bytes`;
  if (UNPRINTABLE.test(key)) return 'The key must be printable text';
  if (key.includes('\\')) return 'The key must not contain a backslash';
  if (key.startsWith('/')) return 'The key must not start with a slash';
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      return 'The key must not contain empty, "." or ".." segments';
    }
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) {
      return `Each part of the key between slashes must be at most ${MAX_SEGMENT_BYTES} bytes`;
    }
  }
  return undefined;
}

// The type is echoed back as a response header, so it must be a plain `type/subtype` with parameters.
const CONTENT_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;[\x20-\x7e]*)?$/;

export function assertValidPutOptions(options: PutOptions): void {
  if (options.contentType.length > 255 || !CONTENT_TYPE.test(options.contentType)) {
    throw AppError.invalid('contentType', 'The content type must look like "image/jpeg"');
  }
  const length = options.contentLength;
  if (length !== undefined && (!Number.isSafeInteger(length) || length < 0)) {
    throw AppError.invalid('contentLength', 'The content length must be a whole number of bytes');
  }
}

export function assertValidSignedUrlOptions(options: SignedUrlOptions): void {
  const seconds = options.expiresInSeconds;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SIGNED_URL_SECONDS) {
    throw AppError.invalid(
      'expiresInSeconds',
      `A link must expire in 1 to ${MAX_SIGNED_URL_SECONDS} seconds (one week)`,
    );
  }
}

export function contentLengthMismatch(expected: number, actual: number): AppError {
  return AppError.invalid('contentLength', `Expected ${expected} bytes but received ${actual}`);
}

/**
 * `attachment` header for a download name (RFC 6266): an ASCII fallback for old clients plus the
 * exact UTF-8 name, with control characters dropped so a name can never split the header.
 */
export function attachmentDisposition(downloadName: string): string {
  const name = downloadName.replace(/[\p{Cc}\p{Cs}]/gu, '');
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

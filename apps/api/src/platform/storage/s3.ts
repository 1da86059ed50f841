import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Config } from '../../config.js';
import { AppError } from '../http/errors.js';
import {
  assertValidKey,
  assertValidPutOptions,
  assertValidSignedUrlOptions,
  attachmentDisposition,
  contentLengthMismatch,
  type PutOptions,
  type Storage,
} from './storage.js';

export type S3StorageOptions = NonNullable<Config['s3']> & {
  /** Milliseconds since the epoch; tests pass a clock to sign links that are already expired. */
  now?: () => number;
};

// 8 MiB: above S3's 5 MiB minimum part size, and the most memory one upload holds at a time.
const PART_SIZE = 8 * 1024 * 1024;
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * Files in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO). Uploads take one path whatever the
 * body: it is cut into 8 MiB parts read one at a time; a body that fits in one part is a single
 * PutObject, a larger one a multipart upload (aborted on any failure, so no part is left billed).
 * That streams bodies of unknown length with bounded memory and needs no `@aws-sdk/lib-storage`.
 */
export function createS3Storage(options: S3StorageOptions): Storage {
  const now = options.now ?? Date.now;
  const bucket = options.bucket;
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    // Without keys in config, the SDK's default chain (env, instance role, ...) provides them.
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    // MinIO, R2 and local test servers reject the SDK's default flexible checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

  async function putWhole(key: string, body: Buffer, { contentType, contentLength }: PutOptions) {
    if (contentLength !== undefined && body.length !== contentLength) {
      throw contentLengthMismatch(contentLength, body.length);
    }
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
    );
    return body.length;
  }

  async function putInParts(
    key: string,
    parts: AsyncGenerator<Buffer>,
    { contentType, contentLength }: PutOptions,
  ) {
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
    );
    try {
      const uploaded: { ETag: string | undefined; PartNumber: number }[] = [];
      let size = 0;
      for await (const part of parts) {
        const PartNumber = uploaded.length + 1;
        const { ETag } = await client.send(
          new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber, Body: part }),
        );
        uploaded.push({ ETag, PartNumber });
        size += part.length;
      }
      if (contentLength !== undefined && size !== contentLength) {
        throw contentLengthMismatch(contentLength, size);
      }
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId,
          MultipartUpload: { Parts: uploaded },
        }),
      );
      return size;
    } catch (error) {
      // Best effort: the original failure is the one worth reporting.
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId }))
        .catch(() => undefined);
      throw error;
    }
  }

  return {
    driver: 's3',

    async put(key, body, putOptions) {
      assertValidKey(key);
      assertValidPutOptions(putOptions);
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      const parts = chunks(source, PART_SIZE);
      try {
        const first = await parts.next();
        if (first.done) return { key, size: await putWhole(key, Buffer.alloc(0), putOptions) };
        const second = await parts.next();
        const size = second.done
          ? await putWhole(key, first.value, putOptions)
          : await putInParts(key, prepend([first.value, second.value], parts), putOptions);
        return { key, size };
      } finally {
        // Releases the caller's stream if the upload stopped before reading all of it.
        await parts.return(undefined);
      }
    },

    async get(key) {
      assertValidKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return {
          // In Node the SDK's body is the HTTP response itself, an IncomingMessage.
          body: object.Body as Readable,
          contentType: object.ContentType ?? DEFAULT_CONTENT_TYPE,
          size: object.ContentLength ?? 0,
        };
      } catch (error) {
        if (isMissingObject(error)) throw new AppError('not_found', 'No such file');
        throw error;
      }
    },

    async head(key) {
      assertValidKey(key);
      try {
        const object = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { contentType: object.ContentType ?? DEFAULT_CONTENT_TYPE, size: object.ContentLength ?? 0 };
      } catch (error) {
        if (isMissingObject(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      assertValidKey(key);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    async signedUrl(key, urlOptions) {
      assertValidKey(key);
      assertValidSignedUrlOptions(urlOptions);
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ResponseContentDisposition: urlOptions.downloadName
          ? attachmentDisposition(urlOptions.downloadName)
          : undefined,
      });
      return getSignedUrl(client, command, {
        expiresIn: urlOptions.expiresInSeconds,
        signingDate: new Date(now()),
      });
    },

    async ping() {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    },
  };
}

/** Cuts a stream into buffers of exactly `size` bytes (the last may be shorter), reading as it goes. */
async function* chunks(source: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    pending.push(data);
    pendingBytes += data.length;
    while (pendingBytes >= size) {
      // A single pending buffer is sliced, not copied, so a large Buffer body is not copied per part.
      const joined = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      yield joined.subarray(0, size);
      pending = [joined.subarray(size)];
      pendingBytes -= size;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

async function* prepend(first: Buffer[], rest: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  yield* first;
  yield* rest;
}

function isMissingObject(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  // GetObject says NoSuchKey; HeadObject has no body, so the SDK can only say NotFound.
  return name === 'NoSuchKey' || name === 'NotFound';
}

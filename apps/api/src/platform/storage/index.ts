import path from 'node:path';
import type { Config } from '../../config.js';
import { createLocalStorage } from './local.js';
import { createS3Storage } from './s3.js';
import type { Storage } from './storage.js';

export {
  assertValidKey,
  type FileMetadata,
  type PutOptions,
  type SignedUrlOptions,
  type Storage,
  type StoredFile,
} from './storage.js';

/** S3 when `S3_BUCKET` is configured, otherwise files on disk under `<dataDir>/files`. */
export function createStorage(config: Config): Storage {
  if (config.s3) return createS3Storage(config.s3);
  return createLocalStorage({
    root: path.join(config.dataDir, 'files'),
    publicUrl: config.publicUrl,
    secret: config.appSecret,
  });
}

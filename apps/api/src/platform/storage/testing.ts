import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import S3rver from 's3rver';
import { AppError, toProblem } from '../http/errors.js';
import storageRoutes from './routes.js';
import type { S3StorageOptions } from './s3.js';
import type { Storage } from './storage.js';

/** A Fastify app with only the file routes and an AppError -> problem+json handler, for inject(). */
export async function createTestFilesApp(storage: Storage, appSecret: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).type('application/problem+json').send(toProblem(error, request.url));
    }
    return reply.send(error);
  });
  await app.register(storageRoutes, { storage, appSecret });
  await app.ready();
  return app;
}

export interface TestS3Server {
  /** Options for createS3Storage that point at this server's bucket. */
  options: S3StorageOptions;
  close(): Promise<void>;
}

/** A real S3 API (s3rver) on a random local port, storing into a temp directory, bucket created. */
export async function startTestS3Server(): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'atelier-s3rver-'));
  const bucket = 'atelier-test';
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  return {
    options: {
      bucket,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      // s3rver's built-in account.
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

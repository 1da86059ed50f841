import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../http/errors.js';
import { verifyLocalSignature } from './local.js';
import { assertValidKey, attachmentDisposition, type Storage } from './storage.js';

export interface StorageRoutesOptions {
  storage: Storage;
  appSecret: string;
}

const FileLinkParams = Type.Object({ '*': Type.String({ description: 'The file key' }) });

const FileLinkQuery = Type.Object({
  expires: Type.Integer({
    minimum: 0,
    description: 'Unix time (seconds) after which the link stops working',
  }),
  signature: Type.String({
    pattern: '^[A-Za-z0-9_-]{43}$',
    description: 'HMAC-SHA256 of the link, base64url',
  }),
  download: Type.Optional(
    Type.String({ minLength: 1, maxLength: 1024, description: 'File name to save the download as' }),
  ),
});

/**
 * Serves the signed links the local driver hands out (`GET /api/files/<key>?expires&signature`).
 * With S3 the bucket serves its own presigned links, so nothing is registered.
 */
export default async function storageRoutes(app: FastifyInstance, opts: StorageRoutesOptions) {
  if (opts.storage.driver !== 'local') return;
  const { storage, appSecret } = opts;

  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/files/*',
    {
      schema: {
        summary: 'Download a file through a signed link',
        tags: ['files'],
        params: FileLinkParams,
        querystring: FileLinkQuery,
      },
    },
    async (request, reply) => {
      const key = request.params['*'];
      const { expires, signature, download } = request.query;
      assertValidKey(key);
      if (!verifyLocalSignature(appSecret, { key, expires, downloadName: download, signature })) {
        throw new AppError('forbidden', 'This link is not valid');
      }
      const remainingSeconds = expires - Math.floor(Date.now() / 1000);
      if (remainingSeconds < 0) throw new AppError('forbidden', 'This link has expired');

      const file = await storage.get(key);
      reply
        .header('Content-Type', file.contentType)
        .header('Content-Length', file.size)
        .header('Cache-Control', `private, max-age=${remainingSeconds}`)
        .header('X-Content-Type-Options', 'nosniff')
        // Uploads are served from the app's own origin: an HTML or SVG file must not run script here.
        .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
      if (download) reply.header('Content-Disposition', attachmentDisposition(download));
      return reply.send(file.body);
    },
  );
}

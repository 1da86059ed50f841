import type { ActorResolver } from '../../platform/http/actor.js';
import { originOf } from './api-keys.routes.js';
import type { ApiKeysService } from './api-keys.service.js';

/**
 * `Authorization: Bearer atk_...` -> the studio's integration actor. Other bearer tokens are not ours
 * and fall through to the next resolver; a key of ours that is wrong or revoked is 401 (thrown).
 */
export function apiKeyResolver(apiKeys: ApiKeysService): ActorResolver {
  return async (request) => {
    const header = request.headers.authorization;
    if (!header) return null;
    const [scheme, token] = header.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !token?.startsWith('atk_')) return null;
    const key = await apiKeys.verify(token.trim(), originOf(request));
    if (!key) return null;
    return { actor: { kind: 'apiKey', ...key }, via: 'bearer' };
  };
}

export { apiKeyResolver } from './api-keys.resolver.js';
export { apiKeysRoutes } from './api-keys.routes.js';
export { type ApiKey, ApiKeySchema } from './api-keys.schemas.js';
export { type ApiKeysService, createApiKeysService } from './api-keys.service.js';

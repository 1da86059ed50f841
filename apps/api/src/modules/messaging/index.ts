export { messagingRoutes } from './messaging.routes.js';

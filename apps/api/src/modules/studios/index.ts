export { studiosRoutes } from './studios.routes.js';
export { type NewStudio, SlugParam, type Studio, StudioSchema } from './studios.schemas.js';
export { createStudiosService, type StudiosService } from './studios.service.js';

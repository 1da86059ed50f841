export { createOrderEventHandlers } from './orders.handlers.js';
export { SWEEP_JOB, scheduleOrderJobs, sweepUnpaidOrders } from './orders.jobs.js';
export { createOrderLifecycle, type OrderLifecycle } from './orders.lifecycle.js';
export { ORDER_STATUSES, type OrderStatus, PAYMENT_STATES, type PaymentState } from './orders.model.js';
export { orderAdminRoutes } from './orders.routes.admin.js';
export { orderClientRoutes } from './orders.routes.client.js';
export { CART_COOKIE, orderShopRoutes } from './orders.routes.shop.js';
export { type Order, type OrderDetail, OrderSchema } from './orders.schemas.js';
export { createOrdersService, type OrdersDeps, type OrdersService } from './orders.service.js';

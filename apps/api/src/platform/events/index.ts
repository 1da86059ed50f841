export { createEventBus, type EventBus, type EventHandler, hasReceipt } from './bus.js';
export { type DomainEvent, emit } from './outbox.js';

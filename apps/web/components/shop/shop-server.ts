import 'server-only';
import type { Outcome } from '@/lib/api';
import { getAsSession } from '@/lib/session';
import { type MyOrderCounts, type OrderDetail, type OrderSummary, shopPaths, type Wallet } from '@/lib/shop';

/** An order as the person behind this request may see it (their own, or by a guest's token). */
export function loadOrder(studio: string, id: string, token: string | null): Promise<Outcome<OrderDetail>> {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return getAsSession<OrderDetail>(`${shopPaths.api(studio)}/orders/${encodeURIComponent(id)}${query}`);
}

export function loadMyOrders(
  studio: string,
  cursor?: string,
): Promise<Outcome<{ items: OrderSummary[]; nextCursor: string | null }>> {
  const query = new URLSearchParams({ limit: '20', ...(cursor ? { cursor } : {}) });
  return getAsSession(`${shopPaths.api(studio)}/my/orders?${query}`);
}

/** How many of the client's orders wait for payment, however far back (the portal's "1 waiting for payment"). */
export async function countMyOrdersWaiting(studio: string): Promise<Outcome<number>> {
  const counts = await getAsSession<MyOrderCounts>(`${shopPaths.api(studio)}/my/orders/counts`);
  return counts.ok ? { ok: true, value: counts.value.byStatus.pending } : counts;
}

export function loadMyWallet(studio: string, cursor?: string): Promise<Outcome<Wallet>> {
  const query = new URLSearchParams({ limit: '20', ...(cursor ? { cursor } : {}) });
  return getAsSession<Wallet>(`${shopPaths.api(studio)}/wallet?${query}`);
}

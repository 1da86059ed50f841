/** Tones for the order's fulfilment and payment badges. */
export function statusTone(status: string): 'ok' | 'wait' | 'bad' {
  if (
    ['paid', 'processing', 'shipped', 'fulfilled', 'delivered', 'completed', 'deposit_paid'].includes(status)
  )
    return 'ok';
  if (['cancelled', 'refunded', 'failed'].includes(status)) return 'bad';
  return 'wait';
}

/**
 * The key of the order's status label (`Checkout.status.*`). An order its deposit or first instalment
 * confirmed is "paid" to the API while the client still owes the rest: it reads "confirmed" instead.
 */
export function orderStatusKey(order: { status: string; paymentStatus: string }): string {
  const partly = order.paymentStatus === 'deposit_paid' || order.paymentStatus === 'partially_paid';
  return order.status === 'paid' && partly ? 'confirmed' : order.status;
}

/** Tones for the order's fulfilment and payment badges. */
export function statusTone(status: string): 'ok' | 'wait' | 'bad' {
  if (
    ['paid', 'processing', 'shipped', 'fulfilled', 'delivered', 'completed', 'deposit_paid'].includes(status)
  )
    return 'ok';
  if (['cancelled', 'refunded', 'failed'].includes(status)) return 'bad';
  return 'wait';
}

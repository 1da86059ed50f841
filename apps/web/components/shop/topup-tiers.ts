/** A studio's top-up bonus: a top-up of at least `minTopupMinor` earns `bonusMinor`. */
export interface BonusTier {
  minTopupMinor: number;
  bonusMinor: number;
}

/**
 * The tier an amount reaches (the highest threshold at or under it), as the API decides the bonus, and
 * the next one up, so the form can say "top up ฿500 more for a ฿300 bonus".
 */
export function tierFor(
  tiers: readonly BonusTier[],
  amountMinor: number | null,
): { reached: BonusTier | null; next: BonusTier | null } {
  const sorted = [...tiers].sort((a, b) => a.minTopupMinor - b.minTopupMinor);
  if (amountMinor === null || !Number.isFinite(amountMinor))
    return { reached: null, next: sorted[0] ?? null };
  let reached: BonusTier | null = null;
  for (const tier of sorted) if (amountMinor >= tier.minTopupMinor) reached = tier;
  const next = sorted.find(
    (tier) => tier.minTopupMinor > amountMinor && tier.bonusMinor > (reached?.bonusMinor ?? 0),
  );
  return { reached: reached && reached.bonusMinor > 0 ? reached : null, next: next ?? null };
}

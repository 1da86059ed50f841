'use client';

import { createContext, type ReactNode, useContext, useState } from 'react';
import { AutoRefresh } from '@/components/shop/payment-panel';
import { Outcome } from './outcome';

/**
 * What the client just did on their plan page, said at the top of it. A charge often takes the section
 * it was made in away (the "confirm with your bank" section once answered, "pay now" after the last
 * instalment), and focus and its message with it; this line belongs to the page instead, and outlives
 * the page's refreshes.
 */
export interface PlanFlash {
  tone: 'success' | 'error';
  text: string;
  /** The instalment whose charge the client answered here: its "confirm" section is not shown again. */
  answered?: string;
  /**
   * The bank said yes and Stripe's word has not reached the plan yet: the page refreshes itself until
   * the plan has `answered` paid, and the line then reads this.
   */
  paidText?: string;
}

const FlashContext = createContext<{ flash: PlanFlash | null; show: (flash: PlanFlash | null) => void }>({
  flash: null,
  show: () => {},
});

/** The page's setter, for the forms inside it (`null` clears the line, as a new charge starts). */
export const usePlanFlash = () => useContext(FlashContext).show;

/** Wraps the plan page, so its forms and its line share the flash. */
export function PlanFlashArea({ children }: { children: ReactNode }) {
  const [flash, show] = useState<PlanFlash | null>(null);
  return <FlashContext.Provider value={{ flash, show }}>{children}</FlashContext.Provider>;
}

/** The line itself, first on the page. `paidIds`: the plan's paid instalments, as the server read them. */
export function PlanFlashLine({ paidIds }: { paidIds: string[] }) {
  const { flash } = useContext(FlashContext);
  if (!flash) return null;
  const waiting = Boolean(flash.paidText && flash.answered && !paidIds.includes(flash.answered));
  return (
    <>
      <Outcome
        testId="plan-flash"
        notice={{ tone: flash.tone, text: flash.paidText && !waiting ? flash.paidText : flash.text }}
      />
      <AutoRefresh active={waiting} />
    </>
  );
}

/**
 * Leaves out its children (one instalment's "confirm with your bank" section) once the client has
 * answered that check here: until Stripe's word arrives the plan still says it waits.
 */
export function UnlessAnswered({ instalmentId, children }: { instalmentId: string; children: ReactNode }) {
  const { flash } = useContext(FlashContext);
  return flash?.answered === instalmentId ? null : children;
}

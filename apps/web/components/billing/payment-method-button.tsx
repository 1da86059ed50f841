'use client';

import { CreditCard } from 'lucide-react';
import { useFormStatus } from 'react-dom';
import { Button } from '@/components/ui/button';

/**
 * "Manage payment method" / "Update your card": a form posting to the server action that opens Stripe's
 * customer portal; the button says it is on its way and cannot be pressed twice (before hydration the
 * form posts natively, which works too). Strings come as props (client components get no translations
 * of their own here).
 */
export function PaymentMethodButton({
  action,
  label,
  pendingLabel,
  describedBy,
  testId,
  variant = 'outline',
}: {
  action: () => Promise<void>;
  label: string;
  pendingLabel: string;
  /** The id of the sentence that says where the button goes (Stripe, and back). */
  describedBy?: string | undefined;
  testId: string;
  variant?: 'brand' | 'outline';
}) {
  return (
    <form action={action}>
      <Submit
        label={label}
        pendingLabel={pendingLabel}
        describedBy={describedBy}
        testId={testId}
        variant={variant}
      />
    </form>
  );
}

function Submit({
  label,
  pendingLabel,
  describedBy,
  testId,
  variant,
}: {
  label: string;
  pendingLabel: string;
  describedBy?: string | undefined;
  testId: string;
  variant: 'brand' | 'outline';
}) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      variant={variant}
      disabled={pending}
      aria-describedby={describedBy}
      data-testid={testId}
    >
      <CreditCard aria-hidden="true" />
      {pending ? pendingLabel : label}
    </Button>
  );
}

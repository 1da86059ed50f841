import { CircleCheck, CircleDashed, CircleDot, CircleX, Undo2 } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/cn';

export type Tone = 'done' | 'waiting' | 'moving' | 'stopped' | 'returned';

// Each tone has its own icon as well as a colour, so the state reads without colour vision.
const TONES: Record<Tone, { icon: typeof CircleCheck; className: string }> = {
  done: { icon: CircleCheck, className: 'border-success text-success' },
  waiting: { icon: CircleDashed, className: 'border-border text-foreground' },
  moving: { icon: CircleDot, className: 'border-brand-ink text-brand-ink' },
  stopped: { icon: CircleX, className: 'border-destructive text-destructive' },
  returned: { icon: Undo2, className: 'border-border text-muted-foreground' },
};

const TONE_OF: Record<string, Tone> = {
  // order status
  pending: 'waiting',
  paid: 'done',
  processing: 'moving',
  shipped: 'moving',
  fulfilled: 'done',
  delivered: 'done',
  completed: 'done',
  cancelled: 'stopped',
  refunded: 'returned',
  // payment state of an order
  unpaid: 'waiting',
  deposit_paid: 'moving',
  partially_paid: 'moving',
  partially_refunded: 'returned',
  // a payment's own status
  requires_action: 'waiting',
  succeeded: 'done',
  failed: 'stopped',
};

/** A status as a small outlined pill with an icon; `label` is the translated status. */
export function StatusBadge({
  status,
  label,
  className,
}: {
  status: string;
  label: string;
  className?: string;
}) {
  const tone = TONES[TONE_OF[status] ?? 'waiting'];
  const Icon = tone.icon;
  return (
    <Badge
      variant="outline"
      className={cn('whitespace-nowrap bg-background', tone.className, className)}
      data-status={status}
    >
      <Icon className="size-3.5" aria-hidden="true" />
      {label}
    </Badge>
  );
}

import { Download, Package, ShoppingBag, Sparkles } from 'lucide-react';
import type { Kind } from '@/lib/catalog';
import { cn } from '@/lib/cn';

const ICONS = { service: Sparkles, package: Package, product: ShoppingBag, digital: Download } as const;

/** Stands in for an item without images: the studio's colour, faintly, with the kind's icon. */
export function ItemPlaceholder({ kind, className }: { kind: Kind; className?: string }) {
  const Icon = ICONS[kind];
  return (
    <div
      aria-hidden="true"
      className={cn(
        'flex size-full items-center justify-center bg-[color-mix(in_oklab,var(--brand)_12%,var(--muted))] text-brand-ink',
        className,
      )}
    >
      <Icon className="size-1/4 max-h-16 max-w-16 opacity-70" strokeWidth={1.5} />
    </div>
  );
}

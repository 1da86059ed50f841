import type { StudioBrand } from '@atelier/sdk';
import { cn } from '@/lib/cn';

/**
 * The studio's logo, or its `logoText` on the brand colour when it has no logo image yet. Decorative:
 * the studio's name is always written next to it.
 */
export function StudioMark({ brand, className }: { brand: StudioBrand; className?: string }) {
  if (brand.logoUrl) {
    return (
      // A studio's logo can live on any host; next/image would need each one allow-listed.
      // biome-ignore lint/performance/noImgElement: see above
      <img
        src={brand.logoUrl}
        alt=""
        className={cn('size-10 shrink-0 rounded-lg object-contain', className)}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className={cn(
        'inline-flex h-10 min-w-10 shrink-0 items-center justify-center rounded-lg bg-brand px-2 text-sm font-bold tracking-tight text-brand-foreground',
        className,
      )}
    >
      {brand.logoText}
    </span>
  );
}

import type { Studio } from '@atelier/sdk';
import Link from 'next/link';
import { HeaderControls } from '@/components/header-controls';
import { StudioMark } from '@/components/studio-mark';

interface StudioHeaderProps {
  studio: Studio;
  /** The area of the studio being shown ("Client portal", "Studio admin"); none on the storefront. */
  area?: string;
  /** Links shown between the name and the controls, e.g. the storefront's "Client portal". */
  children?: React.ReactNode;
  /** Shown right after the studio's name, e.g. the admin's studio switcher. */
  switcher?: React.ReactNode;
}

export function StudioHeader({ studio, area, children, switcher }: StudioHeaderProps) {
  return (
    <header className="border-b bg-background">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-3 px-4 sm:px-6">
        <div className="flex min-w-0 items-center gap-1">
          <Link href={`/${studio.slug}`} className="flex min-w-0 items-center gap-3 rounded-md">
            <StudioMark brand={studio.brand} />
            <span className="flex min-w-0 flex-col">
              <span className="line-clamp-2 font-semibold leading-tight break-words">{studio.name}</span>
              {area ? <span className="truncate text-xs text-muted-foreground">{area}</span> : null}
            </span>
          </Link>
          {switcher}
        </div>
        <div className="flex shrink-0 items-center gap-2 sm:gap-4">
          {children}
          <HeaderControls />
        </div>
      </div>
    </header>
  );
}

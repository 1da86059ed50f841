import type { Studio } from '@atelier/sdk';
import type { ReactNode } from 'react';
import { SideNav, type SideNavItem } from '@/components/side-nav';
import { SkipLink } from '@/components/skip-link';
import { StudioHeader } from '@/components/studio-header';

interface AreaShellProps {
  studio: Studio;
  /** "Client portal" or "Studio admin". */
  area: string;
  navLabel: string;
  items: SideNavItem[];
  children: ReactNode;
  /** The admin's studio switcher, in the header. */
  switcher?: ReactNode;
}

/** The frame shared by the client portal and the studio admin: header, section nav, content. */
export function AreaShell({ studio, area, navLabel, items, children, switcher }: AreaShellProps) {
  return (
    <>
      <SkipLink />
      <StudioHeader studio={studio} area={area} switcher={switcher} />
      {/* w-full: the studio layout is a flex column, where auto margins size this to its content; a page
          with little on it (no messages yet) shrank and sat off-centre, the nav jumping between pages. */}
      <div className="mx-auto grid w-full max-w-6xl grid-cols-1 gap-6 px-4 py-6 sm:px-6 md:grid-cols-[13rem_minmax(0,1fr)] md:py-10">
        <div className="min-w-0 md:sticky md:top-6 md:self-start">
          <SideNav label={navLabel} items={items} />
        </div>
        <main id="main" tabIndex={-1} className="min-w-0">
          {children}
        </main>
      </div>
    </>
  );
}

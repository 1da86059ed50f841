'use client';

import { Check, ChevronsUpDown, Plus } from 'lucide-react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';

export interface SwitcherStudio {
  slug: string;
  name: string;
  role: string;
}

/** Jumps between the admins of the studios the person works in (keyboard operable via Radix). */
export function StudioSwitcher({
  current,
  studios,
  labels,
}: {
  current: string;
  studios: SwitcherStudio[];
  labels: { switch: string; heading: string; create: string };
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="size-9"
          aria-label={labels.switch}
          data-testid="studio-switcher"
        >
          <ChevronsUpDown aria-hidden="true" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="min-w-64">
        <DropdownMenuLabel>{labels.heading}</DropdownMenuLabel>
        {studios.map((studio) => (
          <DropdownMenuItem key={studio.slug} asChild>
            <a
              href={`/${studio.slug}/admin`}
              aria-current={studio.slug === current ? 'page' : undefined}
              className="group"
            >
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="truncate font-medium">{studio.name}</span>
                {/* Muted grey on the highlighted row's brand fill was unreadable (the role vanished). */}
                <span className="truncate text-xs text-muted-foreground group-data-[highlighted]:text-brand-foreground">
                  {studio.role}
                </span>
              </span>
              {studio.slug === current ? <Check aria-hidden="true" /> : null}
            </a>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <a href="/studios/new">
            <Plus aria-hidden="true" />
            {labels.create}
          </a>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

'use client';

import { CircleUserRound, LogOut, Plus, UserRound } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { auth } from '@/lib/browser-api';

export interface UserMenuLabels {
  menu: string;
  account: string;
  newStudio: string;
  signOut: string;
  signingOut: string;
}

/** The signed-in person's menu: their name, account, new studio, sign out (keyboard operable via Radix). */
export function UserMenu({ name, email, labels }: { name: string; email: string; labels: UserMenuLabels }) {
  const [signingOut, setSigningOut] = useState(false);
  const signOut = async () => {
    setSigningOut(true);
    try {
      await auth.signOut();
    } finally {
      // A full load, so every server-rendered part forgets the session.
      window.location.assign('/sign-in?signedOut=1');
    }
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          className="max-w-48 px-2 sm:px-3"
          aria-label={labels.menu}
          data-testid="user-menu"
        >
          <CircleUserRound aria-hidden="true" />
          <span className="hidden truncate sm:inline">{name}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="min-w-56">
        <DropdownMenuLabel className="text-foreground">
          <span className="block truncate font-semibold">{name}</span>
          <span className="block truncate font-normal text-muted-foreground">{email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <a href="/account">
            <UserRound aria-hidden="true" />
            {labels.account}
          </a>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <a href="/studios/new">
            <Plus aria-hidden="true" />
            {labels.newStudio}
          </a>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={signingOut}
          onSelect={(event) => {
            event.preventDefault();
            void signOut();
          }}
        >
          <LogOut aria-hidden="true" />
          {signingOut ? labels.signingOut : labels.signOut}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

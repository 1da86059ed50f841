import type { ReactNode } from 'react';
import { Card, CardContent } from '@/components/ui/card';

/** The single card of a sign-in style page, with the page's h1. */
export function AuthCard({
  title,
  lead,
  children,
  footer,
}: {
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <>
      <Card>
        <div className="space-y-2 p-5 sm:p-6">
          <h1 className="text-2xl font-bold tracking-tight text-balance">{title}</h1>
          {lead ? <div className="text-muted-foreground">{lead}</div> : null}
        </div>
        <CardContent className="sm:px-6 sm:pb-6">{children}</CardContent>
      </Card>
      {footer ? <p className="mt-6 text-center text-sm text-muted-foreground">{footer}</p> : null}
    </>
  );
}

import type { ReactNode } from 'react';

/**
 * The top of an admin page: its one h1, a lead that says whose data this is, and the page's own
 * actions (a "New" button, an export) beside them, wrapping under on a phone.
 */
export function AdminPageHeader({
  title,
  lead,
  actions,
}: {
  title: ReactNode;
  lead?: ReactNode;
  actions?: ReactNode;
}) {
  const heading = (
    <div className="space-y-1">
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      {lead ? <p className="text-muted-foreground">{lead}</p> : null}
    </div>
  );
  if (!actions) return heading;
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      {heading}
      {actions}
    </div>
  );
}

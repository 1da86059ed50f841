import type { ReactNode } from 'react';
import { AdminProblem } from '@/components/admin/admin-problem';
import { AdminPageHeader } from '@/components/admin/page-header';
import { ClientMessages } from '@/components/client-messages';
import type { Outcome } from '@/lib/api';

/**
 * An admin page that edits one thing the API answered (settings, a category tree, the brands): the
 * heading, then the editor with the messages its client components use, or why it could not be read.
 */
export function AdminEditorPage<T>({
  title,
  lead,
  resource,
  namespaces,
  children,
}: {
  title: string;
  lead: ReactNode;
  resource: Outcome<T>;
  /** The message namespaces the editor's client components translate with. */
  namespaces: string[];
  /** The editor, given what was read. */
  children: (value: T) => ReactNode;
}) {
  return (
    <div className="space-y-6">
      <AdminPageHeader title={title} lead={lead} />
      {resource.ok ? (
        <ClientMessages namespaces={namespaces}>{children(resource.value)}</ClientMessages>
      ) : (
        <AdminProblem error={resource.error} />
      )}
    </div>
  );
}

import { ArrowLeft } from 'lucide-react';
import Link from 'next/link';

/** The way back from one record's page to its list ("All clients", "All orders"), above its heading. */
export function AdminBackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link
      href={href}
      className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="size-4" aria-hidden="true" />
      {label}
    </Link>
  );
}

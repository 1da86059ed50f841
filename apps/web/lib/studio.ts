import 'server-only';
import type { Studio } from '@atelier/sdk';
import { notFound } from 'next/navigation';
import { loadStudio } from '@/lib/api';

/**
 * The studio of a page under `app/[studio]`, from the answer the studio layout already fetched in this
 * request. A page can render without its layout (client navigation), so it handles failures too.
 */
export async function requireStudio(params: Promise<{ studio: string }>): Promise<Studio> {
  const { studio: slug } = await params;
  const studio = await loadStudio(slug);
  if (studio.ok) return studio.value;
  if (studio.error.status === 404) notFound();
  throw studio.error;
}

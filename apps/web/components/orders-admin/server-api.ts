import 'server-only';
import type { Outcome } from '@/lib/api';
import { getAsSession } from '@/lib/session';
import { studioApi } from './paths';

/** A GET of a studio API route as the signed-in member, for server components. */
export function readStudio<T>(studio: string, rest: string): Promise<Outcome<T>> {
  return getAsSession<T>(studioApi(studio, rest));
}

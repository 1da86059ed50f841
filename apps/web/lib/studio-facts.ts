import type { Studio } from '@atelier/sdk';

/** What the admin's client components need of the studio: money, dates and links, nothing more. */
export interface StudioFacts {
  slug: string;
  name: string;
  currency: string;
  timezone: string;
}

/** The studio facts of a studio, picked so that a client component's props carry no more than these. */
export function studioFacts(studio: Pick<Studio, keyof StudioFacts>): StudioFacts {
  return { slug: studio.slug, name: studio.name, currency: studio.currency, timezone: studio.timezone };
}

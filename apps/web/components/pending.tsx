import { Hourglass } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { Fragment } from 'react';
import { EmptyState } from '@/components/ui/empty-state';

/** The honest state of a feature whose API route has not landed yet: says which route it waits for. */
export async function Pending({
  endpoints: required,
  routes,
  headingLevel = 'h3',
}: {
  endpoints: string[];
  /** The API's documented routes: when every required one is there, says the page lags, not the API. */
  routes?: Set<string>;
  headingLevel?: 'h2' | 'h3';
}) {
  const t = await getTranslations('Pending');
  const missing = routes ? required.filter((route) => !routes.has(route)) : required;
  const offered = missing.length === 0;
  const endpoints = offered ? required : missing;
  const list = (
    <>
      {endpoints.map((endpoint, index) => (
        <Fragment key={endpoint}>
          {index > 0 ? ', ' : null}
          <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-foreground">{endpoint}</code>
        </Fragment>
      ))}
    </>
  );
  return (
    <EmptyState
      icon={<Hourglass />}
      headingLevel={headingLevel}
      title={offered ? t('notWiredTitle') : t('title')}
      description={t.rich(offered ? 'notWiredDescription' : 'description', { list: () => list })}
      className="py-8"
    />
  );
}

/** True when every `METHOD /path` is in the API's document. */
export function hasRoutes(routes: Set<string>, required: string[]): boolean {
  return required.every((route) => routes.has(route));
}

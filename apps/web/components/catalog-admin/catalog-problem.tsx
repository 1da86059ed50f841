import type { AtelierApiError } from '@atelier/sdk';
import { Forbidden } from '@/components/admin/forbidden';
import { ApiProblem } from '@/components/api-problem';

/** An API failure on a catalog page: a 403 says why in the API's words (e.g. two-factor required). */
export function CatalogProblem({ error }: { error: AtelierApiError }) {
  if (error.status === 403) return <Forbidden message={error.detail} />;
  return <ApiProblem error={error} />;
}

import type { AtelierApiError } from '@atelier/sdk';
import { Forbidden } from '@/components/admin/forbidden';
import { ApiProblem } from '@/components/api-problem';

/** An API failure on a money page: a 403 says why in the API's words (role, or two-factor required). */
export function MoneyProblem({ error }: { error: AtelierApiError }) {
  if (error.status === 403) return <Forbidden message={error.detail} />;
  return <ApiProblem error={error} />;
}

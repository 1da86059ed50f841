import type { AtelierApiError } from '@atelier/sdk';
import { Forbidden } from '@/components/admin/forbidden';
import { ApiProblem } from '@/components/api-problem';

/**
 * An API failure on an admin page. A 403 says why in the API's words (the role, or two-factor required),
 * because the page showed it to a member the API then refused.
 */
export function AdminProblem({ error }: { error: AtelierApiError }) {
  if (error.status === 403) return <Forbidden message={error.detail} />;
  return <ApiProblem error={error} />;
}

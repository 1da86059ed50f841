/**
 * An API failure on a money page: the admin's own (a 403 says why in the API's words). Kept under this
 * name for the billing and payment-plan components, which show it too.
 */
export { AdminProblem as MoneyProblem } from '@/components/admin/admin-problem';

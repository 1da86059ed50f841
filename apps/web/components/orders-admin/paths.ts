/** Where the admin money pages live, and the API routes they call. */
export const adminPage = (studio: string, rest = '') => `/${studio}/admin${rest}`;
export const studioApi = (studio: string, rest = '') =>
  `/api/v1/studios/${encodeURIComponent(studio)}${rest}`;
export const orderPage = (studio: string, id: string) => adminPage(studio, `/orders/${id}`);

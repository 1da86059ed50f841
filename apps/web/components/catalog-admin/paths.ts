/** The admin catalog routes of one studio, e.g. `catalogAdminPath('qr-studios', '/items')`. */
export function catalogAdminPath(studio: string, rest = ''): string {
  return `/api/v1/studios/${encodeURIComponent(studio)}/admin/catalog${rest}`;
}

/** The admin pages of the catalog, e.g. `catalogPage('qr-studios', '/categories')`. */
export function catalogPage(studio: string, rest = ''): string {
  return `/${studio}/admin/catalog${rest}`;
}

/** The filters of a listing URL the page can drop when the API refuses them. */
export type DroppableFilter = 'cursor' | 'minPrice' | 'maxPrice';

/**
 * The filters the API refused in a listing's URL (a cursor from another sort or an older page, a price
 * past its limit), or null when the refusal is not (only) about them. The page drops them and shows
 * the list instead of an error page: such URLs come from bookmarks and hand edits, not from a broken
 * catalog.
 */
export function refusedFilters(error: {
  status: number;
  code: string;
  fields: readonly { field: string }[];
}): DroppableFilter[] | null {
  if (error.code === 'invalid_cursor') return ['cursor'];
  if (error.status !== 400) return null;
  const named = error.fields.map((field) => field.field.replace(/^query\./, ''));
  const droppable = named.filter(
    (name): name is DroppableFilter => name === 'cursor' || name === 'minPrice' || name === 'maxPrice',
  );
  return droppable.length > 0 && droppable.length === named.length ? droppable : null;
}

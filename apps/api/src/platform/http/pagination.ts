import { type Static, type TSchema, Type } from 'typebox';
import { AppError } from './errors.js';

/**
 * Cursor pagination. Keys are UUID v7, so "newer than / older than a key" is a plain index range:
 * the cursor is the last key of a page, encoded so clients treat it as opaque.
 */
export const PageQuery = Type.Object({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Items per page (1-100).' }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor from the previous page.' })),
});
export type PageQuery = Static<typeof PageQuery>;

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page; null at the end.',
    }),
  });

export interface PageResult<T> {
  items: T[];
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/** The key a cursor stands for; a cursor that was not made by encodeCursor is a 400 naming the field. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id))
    throw new AppError('invalid_cursor', 'cursor is not a cursor this API issued', {
      fields: [{ field: 'query.cursor', message: 'is not a valid cursor' }],
    });
  return id;
}

/** Given up to limit+1 rows (fetch one extra), returns the page and the cursor to the next one. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): PageResult<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { StudioContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { Storage } from '../../platform/storage/index.js';
import type { AdminImage, ImagePatch } from './catalog.admin.schemas.js';
import { CATALOG_RULES } from './catalog.reasons.js';
import { refreshSearchDocuments } from './catalog.search.js';
import { catalogImages, catalogItems, catalogVariants } from './catalog.tables.js';

/**
 * Item images: the bytes go to the storage platform (local disk or S3) under
 * `studios/<studio>/catalog/<item>/<image>.<ext>`, the row keeps key, alt text, size and order.
 *
 * Uploads are the raw image as the request body (Content-Type image/png, image/jpeg, image/webp or
 * image/svg+xml, at most 10 MB): no multipart parsing, no temporary files, and a browser sends a File
 * with `fetch(url, { method: 'POST', body: file, headers: { 'content-type': file.type } })`.
 */

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const EXTENSIONS: Record<ImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
};
const URL_SECONDS = 60 * 60;

export const imageUrl = (storage: Storage, key: string) =>
  storage.signedUrl(key, { expiresInSeconds: URL_SECONDS });

/** The type the bytes really are (magic numbers), whatever the Content-Type claims. */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 12 &&
    bytes.toString('ascii', 0, 4) === 'RIFF' &&
    bytes.toString('ascii', 8, 12) === 'WEBP'
  )
    return 'image/webp';
  const head = bytes.subarray(0, 2048).toString('utf8').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head))
    return 'image/svg+xml';
  return null;
}

/** Width and height from the file header, when the format says them plainly. */
export function imageSize(type: ImageType, bytes: Buffer): { width: number; height: number } | null {
  if (type === 'image/png' && bytes.length >= 24)
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (type === 'image/jpeg') {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return null;
      const marker = bytes[offset + 1] ?? 0;
      // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
      offset += 2 + bytes.readUInt16BE(offset + 2);
    }
    return null;
  }
  if (type === 'image/webp' && bytes.length >= 30) {
    const chunk = bytes.toString('ascii', 12, 16);
    if (chunk === 'VP8X') return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
    if (chunk === 'VP8 ')
      return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = bytes.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    return null;
  }
  if (type === 'image/svg+xml') {
    const tag = bytes.toString('utf8').match(/<svg[^>]*>/i)?.[0] ?? '';
    const number = (name: string) => Number(tag.match(new RegExp(`\\s${name}="([\\d.]+)(px)?"`))?.[1]);
    const box = tag.match(/viewBox="[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)"/);
    const width = number('width') || Number(box?.[1]);
    const height = number('height') || Number(box?.[2]);
    return width > 0 && height > 0 ? { width: Math.round(width), height: Math.round(height) } : null;
  }
  return null;
}

/**
 * An SVG is a document that can run script when opened on its own; ours are served from our origin,
 * so one with scripts, event handlers, javascript: links or embedded HTML is refused outright.
 */
function assertSafeSvg(bytes: Buffer) {
  const text = bytes.toString('utf8');
  if (/<script|<foreignObject|\son[a-z]+\s*=|javascript:|<iframe|<embed|<object/i.test(text))
    throw AppError.invalid(
      'body',
      'SVG images must not contain scripts, event handlers or embedded HTML',
      CATALOG_RULES.imageUnsafeSvg,
    );
}

async function assertItem(ctx: StudioContext, itemId: string) {
  const [item] = await ctx.tx
    .select({ id: catalogItems.id, slug: catalogItems.slug, kind: catalogItems.kind })
    .from(catalogItems)
    .where(and(eq(catalogItems.studioId, ctx.studioId), eq(catalogItems.id, itemId)));
  if (!item) throw new AppError('not_found', 'No such catalog item');
  return item;
}

async function findImage(ctx: StudioContext, itemId: string, imageId: string) {
  const [image] = await ctx.tx
    .select()
    .from(catalogImages)
    .where(
      and(
        eq(catalogImages.studioId, ctx.studioId),
        eq(catalogImages.itemId, itemId),
        eq(catalogImages.id, imageId),
      ),
    );
  if (!image) throw new AppError('not_found', 'No such image of this item');
  return image;
}

async function assertVariantsOf(ctx: StudioContext, itemId: string, variantIds: string[], field: string) {
  if (variantIds.length === 0) return;
  const rows = await ctx.tx
    .select({ id: catalogVariants.id })
    .from(catalogVariants)
    .where(and(eq(catalogVariants.itemId, itemId), inArray(catalogVariants.id, variantIds)));
  const found = new Set(rows.map((row) => row.id));
  const missing = variantIds.findIndex((id) => !found.has(id));
  if (missing >= 0)
    throw new AppError('not_found', 'No such variant of this item', {
      fields: [
        {
          field: variantIds.length === 1 && field === 'variantId' ? field : `${field}[${missing}]`,
          message: 'is not a variant of this item',
        },
      ],
    });
}

/** An item's images in order, with signed URLs and the variants that show each. */
export async function imagesOf(tx: Tx, storage: Storage, itemId: string): Promise<AdminImage[]> {
  // One after another: a transaction is one connection, and pg cannot run two queries on it at once.
  const images = await tx
    .select()
    .from(catalogImages)
    .where(eq(catalogImages.itemId, itemId))
    .orderBy(catalogImages.position, catalogImages.id);
  const variants = await tx
    .select({ id: catalogVariants.id, imageId: catalogVariants.imageId })
    .from(catalogVariants)
    .where(eq(catalogVariants.itemId, itemId))
    .orderBy(catalogVariants.position);
  return Promise.all(
    images.map(async (image) => ({
      id: image.id,
      url: await imageUrl(storage, image.storageKey),
      contentType: image.contentType,
      alt: image.alt,
      width: image.width,
      height: image.height,
      position: image.position,
      variantIds: variants.filter((variant) => variant.imageId === image.id).map((variant) => variant.id),
    })),
  );
}

/** Images change what the storefront shows: tell listeners, keep the search document current. */
async function touched(ctx: StudioContext, item: { id: string; slug: string; kind: string }) {
  await ctx.tx.update(catalogItems).set({ updatedAt: new Date() }).where(eq(catalogItems.id, item.id));
  await refreshSearchDocuments(ctx.tx, ctx.studioId, [item.id]);
  await emit(ctx.tx, {
    type: 'catalog.item.updated',
    studioId: ctx.studioId,
    payload: { itemId: item.id, slug: item.slug, kind: item.kind },
  });
}

export interface ImageUpload {
  body: Buffer;
  contentType: string;
  alt?: string | undefined;
  variantId?: string | undefined;
}

/** Stores an uploaded image after the item's last one; 400/415 when the bytes are not what they claim. */
export async function uploadImage(ctx: StudioContext, storage: Storage, itemId: string, upload: ImageUpload) {
  const item = await assertItem(ctx, itemId);
  const declared = upload.contentType.split(';')[0]?.trim().toLowerCase() as ImageType;
  if (!IMAGE_TYPES.includes(declared))
    throw new AppError('unsupported_media_type', `Send ${IMAGE_TYPES.join(', ')}`);
  if (upload.body.length === 0)
    throw AppError.invalid('body', 'The image is empty', CATALOG_RULES.imageEmpty);
  if (upload.body.length > MAX_IMAGE_BYTES)
    throw new AppError('payload_too_large', 'Images are at most 10 MB');
  const actual = sniffImageType(upload.body);
  if (actual !== declared)
    throw AppError.invalid(
      'body',
      `The bytes are ${actual ?? 'not an image'}, not ${declared} as Content-Type says`,
      CATALOG_RULES.imageNotWhatItSays,
    );
  if (actual === 'image/svg+xml') assertSafeSvg(upload.body);
  if (upload.variantId) await assertVariantsOf(ctx, itemId, [upload.variantId], 'variantId');

  const id = uuidv7();
  const key = `studios/${ctx.studioId}/catalog/${itemId}/${id}.${EXTENSIONS[actual]}`;
  const size = imageSize(actual, upload.body);
  const [last] = await ctx.tx
    .select({ position: sql<number>`coalesce(max(${catalogImages.position}), -1)::int` })
    .from(catalogImages)
    .where(eq(catalogImages.itemId, itemId));
  await storage.put(key, upload.body, { contentType: actual, contentLength: upload.body.length });
  try {
    await ctx.tx.insert(catalogImages).values({
      id,
      studioId: ctx.studioId,
      itemId,
      storageKey: key,
      contentType: actual,
      alt: upload.alt ?? '',
      width: size?.width ?? null,
      height: size?.height ?? null,
      position: (last?.position ?? -1) + 1,
    });
    if (upload.variantId)
      await ctx.tx
        .update(catalogVariants)
        .set({ imageId: id })
        .where(eq(catalogVariants.id, upload.variantId));
    await touched(ctx, item);
  } catch (error) {
    await storage.delete(key).catch(() => undefined);
    throw error;
  }
  const images = await imagesOf(ctx.tx, storage, itemId);
  return images.find((image) => image.id === id) as AdminImage;
}

/** Alt text, and which variants show the image (the list replaces the previous one). */
export async function updateImage(
  ctx: StudioContext,
  storage: Storage,
  itemId: string,
  imageId: string,
  patch: ImagePatch,
) {
  const item = await assertItem(ctx, itemId);
  await findImage(ctx, itemId, imageId);
  if (patch.alt !== undefined)
    await ctx.tx.update(catalogImages).set({ alt: patch.alt }).where(eq(catalogImages.id, imageId));
  if (patch.variantIds !== undefined) {
    await assertVariantsOf(ctx, itemId, patch.variantIds, 'variantIds');
    await ctx.tx
      .update(catalogVariants)
      .set({ imageId: null })
      .where(and(eq(catalogVariants.itemId, itemId), eq(catalogVariants.imageId, imageId)));
    if (patch.variantIds.length > 0)
      await ctx.tx
        .update(catalogVariants)
        .set({ imageId })
        .where(inArray(catalogVariants.id, patch.variantIds));
  }
  await touched(ctx, item);
  const images = await imagesOf(ctx.tx, storage, itemId);
  return images.find((image) => image.id === imageId) as AdminImage;
}

/** `ids` must be every image of the item exactly once; position = index. */
export async function reorderImages(ctx: StudioContext, storage: Storage, itemId: string, ids: string[]) {
  const item = await assertItem(ctx, itemId);
  const current = await ctx.tx
    .select({ id: catalogImages.id })
    .from(catalogImages)
    .where(eq(catalogImages.itemId, itemId));
  const known = new Set(current.map((row) => row.id));
  const unknown = ids.findIndex((id) => !known.has(id));
  if (unknown >= 0)
    throw new AppError('not_found', 'No such image of this item', {
      fields: [{ field: `ids[${unknown}]`, message: 'is not an image of this item' }],
    });
  if (ids.length !== known.size) throw AppError.invalid('ids', `list all ${known.size} images of the item`);
  for (const [position, id] of ids.entries())
    await ctx.tx.update(catalogImages).set({ position }).where(eq(catalogImages.id, id));
  await touched(ctx, item);
  return imagesOf(ctx.tx, storage, itemId);
}

/** Deletes the row (variants showing it fall back to the item's images); returns the file to remove. */
export async function deleteImage(ctx: StudioContext, itemId: string, imageId: string): Promise<string> {
  const item = await assertItem(ctx, itemId);
  const image = await findImage(ctx, itemId, imageId);
  await ctx.tx.update(catalogVariants).set({ imageId: null }).where(eq(catalogVariants.imageId, imageId));
  await ctx.tx.delete(catalogImages).where(eq(catalogImages.id, imageId));
  await touched(ctx, item);
  return image.storageKey;
}

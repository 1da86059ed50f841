'use client';

// clsx rather than cn(): these classes never conflict, and tailwind-merge would add ~28 KB of JavaScript.
import { clsx } from 'clsx';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';

export interface GalleryImage {
  id: string;
  src: string;
  alt: string;
  width: number;
  height: number;
}

interface GalleryProps {
  images: GalleryImage[];
  /** "Product images", names the thumbnail group. */
  label: string;
  /** One label per thumbnail, e.g. "Show image 2 of 5". */
  thumbLabels: string[];
  /** The image shown first (the chosen variant's own image). */
  initialId?: string;
}

/** Fired by the variant picker when the chosen variant has its own image. */
export const VARIANT_IMAGE_EVENT = 'storefront:variant-image';

/**
 * The main image and a row of thumbnails. Thumbnails are buttons (aria-pressed on the shown one); in the
 * row, Left/Right/Home/End move between them and show the image (roving tab stop: one Tab into the row,
 * one out). The first image is server-rendered eagerly; thumbnails load lazily; every <img> has its
 * size so nothing shifts while loading.
 */
export function Gallery({ images, label, thumbLabels, initialId }: GalleryProps) {
  const initialIndex = Math.max(
    0,
    images.findIndex((image) => image.id === initialId),
  );
  const [index, setIndex] = useState(initialIndex);
  const thumbs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    const onVariantImage = (event: Event) => {
      const id = (event as CustomEvent<string>).detail;
      const found = images.findIndex((image) => image.id === id);
      if (found >= 0) setIndex(found);
    };
    window.addEventListener(VARIANT_IMAGE_EVENT, onVariantImage);
    return () => window.removeEventListener(VARIANT_IMAGE_EVENT, onVariantImage);
  }, [images]);

  const shown = images[index] ?? images[0];
  if (!shown) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = images.length - 1;
    const target =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    setIndex(target);
    thumbs.current[target]?.focus();
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-hidden rounded-xl border bg-muted">
        {/* biome-ignore lint/performance/noImgElement: signed API image URLs with their size; no optimiser round trip */}
        <img
          key={shown.id}
          src={shown.src}
          alt={shown.alt}
          width={shown.width}
          height={shown.height}
          fetchPriority={index === initialIndex ? 'high' : 'auto'}
          decoding="async"
          className="aspect-square w-full object-contain"
          // A picture that fails before hydration is marked data-broken (BrokenImages).
          suppressHydrationWarning
        />
      </div>
      {images.length > 1 ? (
        // biome-ignore lint/a11y/useSemanticElements: a labelled group of buttons; a fieldset is for form fields
        <div role="group" aria-label={label} className="flex gap-2 overflow-x-auto p-1" onKeyDown={onKeyDown}>
          {images.map((image, i) => (
            <button
              key={image.id}
              ref={(element) => {
                thumbs.current[i] = element;
              }}
              type="button"
              aria-pressed={i === index}
              aria-label={thumbLabels[i]}
              tabIndex={i === index ? 0 : -1}
              onClick={() => setIndex(i)}
              className={clsx(
                'size-16 shrink-0 overflow-hidden rounded-md border-2 bg-muted sm:size-20',
                i === index ? 'border-brand' : 'border-transparent hover:border-input',
              )}
            >
              {/* biome-ignore lint/performance/noImgElement: small thumbnails, sized and lazy */}
              <img
                src={image.src}
                alt=""
                width={80}
                height={80}
                loading="lazy"
                decoding="async"
                className="size-full object-cover"
              />
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

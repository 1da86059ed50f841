'use client';

import { ArrowDown, ArrowUp, GripVertical, ImagePlus, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { FormMessage } from '@/components/forms/field';
import { problemSummary } from '@/components/forms/problem-fields';
import { useFieldErrorWords } from '@/components/forms/use-field-error-words';
import { Button } from '@/components/ui/button';
import { FilePicker } from '@/components/ui/file-picker';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/cn';
import { catalogCall, sendBody } from './admin-api';
import { moveEntry } from './reorder';
import type { AdminImage } from './types';

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'image/svg+xml'];
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * An item's images: upload (several at once, with a progress count), alt text per image, and order by
 * dragging or with the move buttons (the first image is the one lists and search results show).
 */
export function ImageManager({
  studio,
  itemId,
  initial,
}: {
  studio: string;
  itemId: string;
  initial: AdminImage[];
}) {
  const t = useTranslations('CatalogAdmin.images');
  const tErr = useTranslations('CatalogAdmin.errors');
  const word = useFieldErrorWords();
  const [images, setImages] = useState(initial);
  const [alts, setAlts] = useState<Record<string, string>>(() =>
    Object.fromEntries(initial.map((i) => [i.id, i.alt])),
  );
  const [uploading, setUploading] = useState<{ done: number; total: number } | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const base = `/items/${itemId}/images`;

  const fail = (error: unknown) => setNotice({ tone: 'error', text: problemSummary(error, tErr, word) });

  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const list = [...files];
    const refused = list.filter((file) => !ACCEPTED.includes(file.type) || file.size > MAX_BYTES);
    if (refused.length > 0) {
      setNotice({ tone: 'error', text: t('refused', { names: refused.map((f) => f.name).join(', ') }) });
      return;
    }
    setNotice(null);
    setUploading({ done: 0, total: list.length });
    const added: AdminImage[] = [];
    try {
      for (const file of list) {
        // The raw bytes are the body; the API reads the type from content-type.
        added.push(await sendBody<AdminImage>(studio, 'POST', base, file, { 'content-type': file.type }));
        setUploading({ done: added.length, total: list.length });
      }
      setNotice({ tone: 'success', text: t('uploaded', { count: added.length }) });
    } catch (error) {
      fail(error);
    } finally {
      setImages((current) => [...current, ...added]);
      setAlts((current) => ({ ...current, ...Object.fromEntries(added.map((i) => [i.id, i.alt])) }));
      setUploading(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const reorder = async (from: number, to: number) => {
    if (to < 0 || to >= images.length || from === to) return;
    const before = images;
    const next = moveEntry(images, from, to);
    setImages(next);
    try {
      await catalogCall(studio, 'PUT', `${base}/order`, { ids: next.map((image) => image.id) });
      setNotice({
        tone: 'success',
        text: t('moved', { alt: next[to]?.alt || t('untitled', { n: to + 1 }), position: to + 1 }),
      });
    } catch (error) {
      setImages(before);
      fail(error);
    }
  };

  const saveAlt = async (image: AdminImage) => {
    const alt = alts[image.id] ?? '';
    if (alt === image.alt) return;
    try {
      await catalogCall(studio, 'PATCH', `${base}/${image.id}`, { alt });
      setImages((current) => current.map((i) => (i.id === image.id ? { ...i, alt } : i)));
      setNotice({ tone: 'success', text: t('altSaved') });
    } catch (error) {
      fail(error);
    }
  };

  const remove = async (image: AdminImage) => {
    try {
      await catalogCall(studio, 'DELETE', `${base}/${image.id}`);
      setImages((current) => current.filter((i) => i.id !== image.id));
      setNotice({ tone: 'success', text: t('removed') });
    } catch (error) {
      fail(error);
    }
  };

  return (
    <div className="space-y-4">
      <div aria-live="polite">
        {notice ? <FormMessage tone={notice.tone}>{notice.text}</FormMessage> : null}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Label htmlFor="image-upload" className="sr-only">
          {t('upload')}
        </Label>
        {/* Chosen files upload at once, so nothing stays "chosen": the hint stands where a name would. */}
        <FilePicker
          ref={fileInput}
          id="image-upload"
          accept={ACCEPTED.join(',')}
          multiple
          disabled={uploading !== null}
          icon={<ImagePlus />}
          chooseLabel={t('upload')}
          emptyLabel={t('uploadHint')}
          selected={null}
          onChange={(event) => void upload(event.target.files)}
        />
      </div>
      {uploading ? (
        <div className="space-y-1">
          <p className="text-sm" id="image-progress-label">
            {t('uploading', { done: uploading.done, total: uploading.total })}
          </p>
          <progress
            className="h-2 w-full appearance-none overflow-hidden rounded-full [&::-moz-progress-bar]:bg-brand [&::-webkit-progress-bar]:bg-muted [&::-webkit-progress-value]:bg-brand"
            aria-labelledby="image-progress-label"
            max={uploading.total}
            value={uploading.done}
          />
        </div>
      ) : null}
      {images.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('none')}</p>
      ) : (
        <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label={t('listLabel')}>
          {images.map((image, i) => {
            const label = image.alt || t('untitled', { n: i + 1 });
            return (
              <li
                key={image.id}
                draggable
                onDragStart={(event) => {
                  setDragging(i);
                  event.dataTransfer.effectAllowed = 'move';
                }}
                onDragOver={(event) => event.preventDefault()}
                onDrop={(event) => {
                  event.preventDefault();
                  if (dragging !== null) void reorder(dragging, i);
                  setDragging(null);
                }}
                onDragEnd={() => setDragging(null)}
                className={cn(
                  'space-y-2 rounded-lg border bg-background p-2',
                  dragging === i && 'opacity-50',
                )}
              >
                <div className="relative rounded-md bg-muted">
                  {/* biome-ignore lint/performance/noImgElement: signed storage URLs, not next/image's optimiser */}
                  <img
                    src={image.url}
                    alt={image.alt}
                    className="aspect-square w-full rounded-md object-cover"
                  />
                  <span className="absolute left-1 top-1 rounded bg-background/90 px-1.5 text-xs font-medium">
                    {i === 0 ? t('cover') : i + 1}
                  </span>
                  <GripVertical
                    className="absolute right-1 top-1 size-5 rounded bg-background/90 text-muted-foreground"
                    aria-hidden="true"
                  />
                </div>
                <div className="space-y-1">
                  <Label htmlFor={`image-alt-${image.id}`}>{t('alt', { n: i + 1 })}</Label>
                  <Input
                    id={`image-alt-${image.id}`}
                    value={alts[image.id] ?? ''}
                    onChange={(event) =>
                      setAlts((current) => ({ ...current, [image.id]: event.target.value }))
                    }
                    onBlur={() => void saveAlt(image)}
                  />
                </div>
                <div className="flex gap-1">
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    disabled={i === 0}
                    aria-label={t('moveUp', { alt: label })}
                    onClick={() => void reorder(i, i - 1)}
                  >
                    <ArrowUp aria-hidden="true" />
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    disabled={i === images.length - 1}
                    aria-label={t('moveDown', { alt: label })}
                    onClick={() => void reorder(i, i + 1)}
                  >
                    <ArrowDown aria-hidden="true" />
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="ml-auto"
                    aria-label={t('remove', { alt: label })}
                    onClick={() => void remove(image)}
                  >
                    <Trash2 aria-hidden="true" />
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

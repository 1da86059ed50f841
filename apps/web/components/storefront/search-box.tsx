'use client';

// clsx rather than cn(): these classes never conflict, and tailwind-merge would add ~28 KB of JavaScript.
import { clsx } from 'clsx';
import { Search } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { formatMoney } from '@/lib/money';

export interface SearchBoxLabels {
  label: string;
  placeholder: string;
  submit: string;
  /** "{count} results" */
  resultCount: string;
  noResults: string;
  /** "Did you mean {q}?" */
  didYouMean: string;
  /** "See all results for “{q}”" */
  seeAll: string;
}

interface Suggestion {
  slug: string;
  name: string;
  highlight: string;
  price: { amountMinor: number; currency: string };
  image: { url: string } | null;
}

interface SearchAnswer {
  items: Suggestion[];
  didYouMean: string | null;
}

interface SearchBoxProps {
  studio: string;
  initialQuery?: string;
  labels: SearchBoxLabels;
  locale: string;
  contentLang: string;
  /** Bigger box on the search page. */
  size?: 'md' | 'lg';
}

const DEBOUNCE_MS = 200;
const MIN_CHARS = 2;

/**
 * The storefront search: a plain GET form to the search page (works without JavaScript), enhanced into
 * an ARIA 1.2 combobox that asks the search endpoint as you type (debounced, stale answers dropped) and
 * lists matches in a listbox: Up/Down move, Enter opens the active match (or searches), Escape closes.
 */
export function SearchBox({
  studio,
  initialQuery = '',
  labels,
  locale,
  contentLang,
  size = 'md',
}: SearchBoxProps) {
  const router = useRouter();
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState(initialQuery);
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  const request = useRef<AbortController | null>(null);
  const searchPath = `/${studio}/search`;

  useEffect(() => {
    const q = query.trim();
    if (q.length < MIN_CHARS) {
      request.current?.abort();
      setAnswer(null);
      return;
    }
    const timer = window.setTimeout(async () => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      try {
        const response = await fetch(
          `/api/v1/studios/${encodeURIComponent(studio)}/catalog/search?${new URLSearchParams({ q, limit: '6' })}`,
          { signal: controller.signal, headers: { accept: 'application/json' } },
        );
        if (!response.ok) return;
        const body = (await response.json()) as SearchAnswer;
        setAnswer(body);
        setActive(-1);
        setAnnouncement(
          body.items.length > 0
            ? labels.resultCount.replace('{count}', String(body.items.length))
            : labels.noResults,
        );
      } catch {
        // Aborted by a newer keystroke, or offline: the form still works.
      }
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query, studio, labels]);

  const items = answer?.items ?? [];
  // The last option searches for the words as typed (the full results page).
  const optionCount = items.length + (query.trim() ? 1 : 0);
  const expanded = open && answer !== null && query.trim().length >= MIN_CHARS;
  const fullSearch = `${searchPath}?${new URLSearchParams({ q: query.trim() })}`;

  const go = (index: number) => {
    const item = items[index];
    setOpen(false);
    router.push(item ? `/${studio}/p/${encodeURIComponent(item.slug)}` : fullSearch);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (optionCount === 0 ? -1 : (current + 1) % optionCount));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      setActive((current) => (optionCount === 0 ? -1 : current <= 0 ? optionCount - 1 : current - 1));
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else {
        setQuery('');
      }
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      event.preventDefault();
      go(active);
    }
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a search landmark on the form itself, as the other forms are built
    <form
      role="search"
      action={searchPath}
      method="get"
      className="relative w-full"
      onSubmit={() => setOpen(false)}
    >
      <label htmlFor={`${id}-q`} className="sr-only">
        {labels.label}
      </label>
      <div className="flex gap-2">
        <div className="relative flex-1">
          <Search
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
            aria-hidden="true"
          />
          <input
            id={`${id}-q`}
            name="q"
            type="search"
            role="combobox"
            autoComplete="off"
            enterKeyHint="search"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
            value={query}
            placeholder={labels.placeholder}
            maxLength={200}
            onChange={(event) => {
              setQuery(event.target.value);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => window.setTimeout(() => setOpen(false), 150)}
            onKeyDown={onKeyDown}
            className={clsx(
              'w-full rounded-md border border-input bg-background pr-3 pl-9 text-base text-foreground placeholder:text-muted-foreground',
              size === 'lg' ? 'h-12' : 'h-10 sm:text-sm',
            )}
          />
        </div>
        <button
          type="submit"
          className={clsx(
            'inline-flex shrink-0 items-center justify-center rounded-md bg-brand px-4 text-sm font-medium text-brand-foreground hover:bg-brand/90',
            size === 'lg' ? 'h-12' : 'h-10',
          )}
        >
          {labels.submit}
        </button>
      </div>
      <div
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-30 mt-1 overflow-hidden rounded-md border bg-background text-foreground shadow-lg"
      >
        {answer && items.length === 0 ? (
          <p className="px-3 pt-3 text-sm text-muted-foreground">
            {answer.didYouMean ? labels.didYouMean.replace('{q}', answer.didYouMean) : labels.noResults}
          </p>
        ) : null}
        <div
          id={listId}
          role="listbox"
          aria-label={labels.label}
          className="max-h-[70vh] overflow-y-auto p-1"
        >
          {items.map((item, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input owns the keyboard (aria-activedescendant)
            <div
              key={item.slug}
              id={`${id}-opt-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => go(index)}
              className={clsx(
                'flex cursor-pointer items-center gap-3 rounded-sm px-2 py-2 text-sm',
                index === active ? 'bg-muted' : 'hover:bg-muted',
              )}
            >
              <span className="size-10 shrink-0 overflow-hidden rounded bg-muted">
                {item.image ? (
                  // biome-ignore lint/performance/noImgElement: signed API image URLs, sized; no optimiser round trip
                  <img
                    src={item.image.url}
                    alt=""
                    width={40}
                    height={40}
                    className="size-full object-cover"
                  />
                ) : null}
              </span>
              <span
                className="min-w-0 flex-1 truncate [&_mark]:bg-transparent [&_mark]:font-semibold [&_mark]:text-foreground [&_mark]:underline"
                lang={contentLang}
                // biome-ignore lint/security/noDangerouslySetInnerHtml: the API escapes everything but <mark>
                dangerouslySetInnerHTML={{ __html: item.highlight.split('\n')[0] ?? item.name }}
              />
              <span className="shrink-0 font-medium">{formatMoney(item.price, locale)}</span>
            </div>
          ))}
          {query.trim() ? (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input owns the keyboard (aria-activedescendant)
            <div
              id={`${id}-opt-${items.length}`}
              role="option"
              tabIndex={-1}
              aria-selected={active === items.length}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => go(items.length)}
              className={clsx(
                'cursor-pointer rounded-sm px-2 py-2 text-sm font-medium text-brand-ink',
                active === items.length ? 'bg-muted' : 'hover:bg-muted',
              )}
            >
              {labels.seeAll.replace('{q}', query.trim())}
            </div>
          ) : null}
        </div>
      </div>
      <p role="status" className="sr-only">
        {announcement}
      </p>
    </form>
  );
}

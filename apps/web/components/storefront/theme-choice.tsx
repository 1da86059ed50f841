'use client';

import { Monitor, Moon, Sun } from 'lucide-react';
import { useTheme } from 'next-themes';
import { useEffect, useState } from 'react';
import type { ThemeToggleLabels } from '@/components/theme-toggle';

const CHOICES = [
  { value: 'light', Icon: Sun },
  { value: 'dark', Icon: Moon },
  { value: 'system', Icon: Monitor },
] as const;

/**
 * Light / dark / system as three pressed-or-not buttons, styled like the language switcher next to it.
 * The storefront's version of ThemeToggle: the same choice without a menu library, so a shopper's phone
 * downloads and runs less JavaScript before the page responds.
 */
export function ThemeChoice({ labels }: { labels: ThemeToggleLabels }) {
  const { theme, setTheme } = useTheme();
  // The stored theme is only known in the browser: until then no button claims to be pressed, so the
  // server's HTML and the first client render agree.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const current = mounted ? (theme ?? 'system') : null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of toggle buttons, like the gallery's thumbnails
    <div role="group" aria-label={labels.theme} className="flex rounded-md border border-input p-0.5">
      {CHOICES.map(({ value, Icon }) => (
        <button
          key={value}
          type="button"
          aria-pressed={current === value}
          aria-label={labels[value]}
          title={labels[value]}
          onClick={() => setTheme(value)}
          className={`inline-flex size-8 items-center justify-center rounded ${
            current === value ? 'bg-brand text-brand-foreground' : 'hover:bg-muted'
          }`}
        >
          <Icon className="size-4" aria-hidden="true" />
        </button>
      ))}
    </div>
  );
}

import type { StudioBrand } from '@atelier/sdk';
import type { CSSProperties } from 'react';

// Only #rrggbb reaches a style attribute; anything else falls back, so a brand cannot inject CSS.
const HEX = /^#[0-9a-f]{6}$/i;
const FALLBACK_PRIMARY = '#4f46e5';
const FALLBACK_ACCENT = '#0d9488';
// The surfaces brand-coloured text sits on with the least contrast: muted, in light and in dark mode.
const LIGHT_SURFACE = '#f1f5f9';
const DARK_SURFACE = '#1e293b';
const AA_NORMAL_TEXT = 4.5;

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2.x relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = parse(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background` (one of them always reaches 4.5:1). */
function readableOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#ffffff') >= contrastRatio(background, '#000000') ? '#ffffff' : '#000000';
}

/** The colour moved towards black or white, in small steps, until it reads as text on `surface`. */
function inkOn(colour: string, surface: string): string {
  const target: Rgb = luminance(surface) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  const start = parse(colour);
  for (let step = 0; step <= 20; step++) {
    const mix = step / 20;
    const candidate = toHex(start.map((channel, i) => channel + (target[i]! - channel) * mix) as Rgb);
    if (contrastRatio(candidate, surface) >= AA_NORMAL_TEXT) return candidate;
  }
  return toHex(target);
}

/**
 * CSS variables for one studio's colours: fills (`--brand`) with a readable foreground, and "ink"
 * variants for brand-coloured text that pass WCAG AA on light and dark surfaces.
 */
export function brandStyle(brand: StudioBrand): CSSProperties {
  const primary = HEX.test(brand.primaryColor) ? brand.primaryColor.toLowerCase() : FALLBACK_PRIMARY;
  const accent = HEX.test(brand.accentColor) ? brand.accentColor.toLowerCase() : FALLBACK_ACCENT;
  return {
    '--brand': primary,
    '--brand-foreground': readableOn(primary),
    '--brand-accent': accent,
    '--brand-ink-light': inkOn(primary, LIGHT_SURFACE),
    '--brand-ink-dark': inkOn(primary, DARK_SURFACE),
  } as CSSProperties;
}

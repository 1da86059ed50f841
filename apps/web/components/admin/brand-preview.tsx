'use client';

import type { StudioBrand } from '@atelier/sdk';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { brandStyle } from '@/lib/brand';

export interface BrandPreviewLabels {
  primary: string;
  accent: string;
  logoText: string;
  preview: string;
  previewHeading: string;
  previewButton: string;
  previewLink: string;
}

/** Colour and logo inputs with a storefront sample that follows them as you pick. */
export function BrandEditor({
  brand,
  studioName,
  labels,
  footer,
  logoError,
}: {
  brand: StudioBrand;
  studioName: string;
  labels: BrandPreviewLabels;
  footer?: React.ReactNode;
  /** An error for the logo letters, announced with the input. */
  logoError?: string | undefined;
}) {
  // The inputs carry names (primaryColor, accentColor, logoText) so a surrounding form can submit them.
  const [primaryColor, setPrimary] = useState(brand.primaryColor);
  const [accentColor, setAccent] = useState(brand.accentColor);
  const [logoText, setLogoText] = useState(brand.logoText);
  const current: StudioBrand = { ...brand, primaryColor, accentColor, logoText: logoText || brand.logoText };
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="space-y-4">
        <ColourField
          id="brand-primary"
          name="primaryColor"
          label={labels.primary}
          value={primaryColor}
          onChange={setPrimary}
        />
        <ColourField
          id="brand-accent"
          name="accentColor"
          label={labels.accent}
          value={accentColor}
          onChange={setAccent}
        />
        <div className="space-y-2">
          <Label htmlFor="brand-logo">{labels.logoText}</Label>
          <Input
            id="brand-logo"
            name="logoText"
            value={logoText}
            maxLength={3}
            aria-invalid={logoError ? true : undefined}
            aria-describedby={logoError ? 'brand-logo-error' : undefined}
            onChange={(event) => setLogoText(event.target.value)}
          />
          {logoError ? (
            <p id="brand-logo-error" className="text-sm font-medium text-destructive">
              {logoError}
            </p>
          ) : null}
        </div>
        {footer}
      </div>
      <figure className="space-y-2">
        <figcaption className="text-sm font-medium">{labels.preview}</figcaption>
        <div
          data-brand=""
          style={brandStyle(current)}
          className="overflow-hidden rounded-xl border bg-background"
          aria-live="polite"
        >
          <div className="flex items-center gap-3 border-b p-4">
            <span className="inline-flex size-9 items-center justify-center rounded-lg bg-brand font-bold text-brand-foreground">
              {current.logoText}
            </span>
            <span className="font-semibold">{studioName}</span>
          </div>
          <div className="space-y-3 p-4">
            <p className="text-lg font-semibold">{labels.previewHeading}</p>
            <div className="h-1.5 w-16 rounded bg-brand-accent" aria-hidden="true" />
            <div className="flex flex-wrap items-center gap-3">
              <Button type="button" tabIndex={-1}>
                {labels.previewButton}
              </Button>
              <span className="font-medium text-brand-ink underline">{labels.previewLink}</span>
            </div>
          </div>
        </div>
      </figure>
    </div>
  );
}

function ColourField({
  id,
  name,
  label,
  value,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="space-y-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex items-center gap-3">
        <input
          id={id}
          name={name}
          type="color"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          className="h-10 w-14 cursor-pointer rounded-md border border-input bg-background p-1"
        />
        <span className="font-mono text-sm" aria-hidden="true">
          {value}
        </span>
      </div>
    </div>
  );
}

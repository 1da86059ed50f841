'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { auth } from '@/lib/browser-api';

/** One button per OAuth provider the API has configured; nothing when it lists none. */
export function SocialButtons({
  providers,
  next,
  failed,
}: {
  providers: { id: string; label: string }[];
  next: string;
  failed: string;
}) {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (providers.length === 0) return null;
  return (
    <div className="space-y-3">
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {providers.map((provider) => (
        <Button
          key={provider.id}
          type="button"
          variant="outline"
          className="w-full"
          disabled={pending !== null}
          onClick={async () => {
            setPending(provider.id);
            setError(null);
            try {
              const { url } = await auth.signInOAuth2({ providerId: provider.id, callbackURL: next });
              window.location.assign(url);
            } catch {
              setPending(null);
              setError(failed);
            }
          }}
        >
          {provider.label}
        </Button>
      ))}
    </div>
  );
}

import { LogIn } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/**
 * What a page for signed-in people (the client portal, an order, a payment plan) shows to someone
 * signed out: why, and a sign-in that comes back to `next`.
 */
export async function SignInPrompt({ message, next }: { message: string; next: string }) {
  const t = await getTranslations('UserMenu');
  return (
    <EmptyState
      icon={<LogIn />}
      title={message}
      action={
        <Button asChild>
          <a href={`/sign-in?next=${encodeURIComponent(next)}`}>{t('signIn')}</a>
        </Button>
      }
    />
  );
}

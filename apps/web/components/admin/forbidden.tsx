import { ShieldAlert } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';

/** What a member sees on an admin page their role does not open (the API would answer 403). */
export async function Forbidden({ message }: { message?: string }) {
  const t = await getTranslations('Admin');
  return (
    <EmptyState
      icon={<ShieldAlert />}
      title={t('forbiddenTitle')}
      description={message ?? t('forbiddenDescription')}
    />
  );
}

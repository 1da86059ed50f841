import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { ThemeToggle } from '@/components/theme-toggle';

/** Language and theme, shown at the right of every header. */
export async function HeaderControls() {
  const t = await getTranslations('Theme');
  return (
    <div className="flex items-center gap-1 sm:gap-2">
      <LocaleSwitcher />
      <ThemeToggle labels={{ theme: t('label'), light: t('light'), dark: t('dark'), system: t('system') }} />
    </div>
  );
}

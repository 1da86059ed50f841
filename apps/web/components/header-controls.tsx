import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { ThemeToggle } from '@/components/theme-toggle';
import { Button } from '@/components/ui/button';
import { UserMenu } from '@/components/user-menu';
import { authLinksHere } from '@/lib/here';
import { getMe } from '@/lib/session';

/** Language, theme and the signed-in state, shown at the right of every header. */
export async function HeaderControls() {
  const [t, tUser, me, links] = await Promise.all([
    getTranslations('Theme'),
    getTranslations('UserMenu'),
    getMe(),
    authLinksHere(),
  ]);
  const user = me.ok ? me.value : null;
  return (
    <div className="flex items-center gap-1 sm:gap-2">
      <LocaleSwitcher />
      <ThemeToggle labels={{ theme: t('label'), light: t('light'), dark: t('dark'), system: t('system') }} />
      {user ? (
        <UserMenu
          name={user.name}
          email={user.email}
          labels={{
            menu: tUser('menu', { name: user.name }),
            account: tUser('account'),
            newStudio: tUser('newStudio'),
            signOut: tUser('signOut'),
            signingOut: tUser('signingOut'),
          }}
        />
      ) : (
        <>
          <Button asChild variant="ghost" size="sm" className="px-2 sm:px-3">
            <a href={links.signIn}>{tUser('signIn')}</a>
          </Button>
          <Button asChild size="sm" className="hidden sm:inline-flex">
            <a href={links.signUp}>{tUser('signUp')}</a>
          </Button>
        </>
      )}
    </div>
  );
}

import type { Studio } from '@atelier/sdk';
import { CircleUserRound, Menu, Search, X } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LocaleSwitcher } from '@/components/locale-switcher';
import { CartIndicator } from '@/components/shop/cart-indicator';
import { StudioMark } from '@/components/studio-mark';
import { Button } from '@/components/ui/button';
import { authLinksHere } from '@/lib/here';
import { getMe } from '@/lib/session';
import { ThemeChoice } from './theme-choice';

/**
 * The storefront's header. On a phone only what a shopper needs all the time stays in the bar: the
 * studio (its name shortens with an ellipsis rather than being squeezed), search, the cart and a menu;
 * the client portal, language, theme and account links are in the menu, a <details> disclosure that
 * opens without JavaScript (Escape and a tap elsewhere close it: PopoverDisclosures). From `lg` they sit
 * in the bar instead. No menu library (Radix): the shop's
 * pages load no dropdown code at all, which is most of what a phone would otherwise run for the header.
 */
export async function StorefrontHeader({ studio }: { studio: Studio }) {
  const [t, tShop, tCheckout, tTheme, tUser, me, links] = await Promise.all([
    getTranslations('Storefront'),
    getTranslations('Shop'),
    getTranslations('Checkout'),
    getTranslations('Theme'),
    getTranslations('UserMenu'),
    getMe(),
    authLinksHere(),
  ]);
  const user = me.ok ? me.value : null;

  // Rendered twice, in the bar (lg and up) and in the phone menu; CSS shows one of them. Plain links to
  // the portal and the account: other areas, other layouts, nothing to prefetch. Links within the shop
  // do not prefetch either: on a phone that is data and main-thread work for pages it may never open.
  const secondary = (
    <>
      <a
        href={`/${studio.slug}/portal`}
        className="inline-flex min-h-10 items-center rounded-md text-sm font-medium hover:underline"
      >
        {t('portalLink')}
      </a>
      <LocaleSwitcher />
      <ThemeChoice
        labels={{
          theme: tTheme('label'),
          light: tTheme('light'),
          dark: tTheme('dark'),
          system: tTheme('system'),
        }}
      />
      {user ? (
        // A link rather than the account menu: its dropdown code would load on every storefront page,
        // signed in or not. Signing out is on the account page, which leads back to this studio.
        <a
          href={`/account?from=${studio.slug}`}
          className="inline-flex h-10 max-w-48 items-center gap-2 rounded-md px-2 text-sm font-medium hover:bg-muted"
        >
          <CircleUserRound className="size-5 shrink-0" aria-hidden="true" />
          <span className="sr-only">{tUser('account')}: </span>
          <span className="truncate">{user.name}</span>
        </a>
      ) : (
        <span className="flex items-center gap-2">
          <Button asChild variant="ghost" size="md" className="px-3">
            <a href={links.signIn}>{tUser('signIn')}</a>
          </Button>
          <Button asChild size="md" className="px-3">
            <a href={links.signUp}>{tUser('signUp')}</a>
          </Button>
        </span>
      )}
    </>
  );

  return (
    <header className="border-b bg-background">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-2 px-4 sm:px-6">
        <Link
          href={`/${studio.slug}`}
          prefetch={false}
          className="flex min-w-0 flex-1 items-center gap-2 rounded-md sm:gap-3"
        >
          <StudioMark brand={studio.brand} />
          <span className="line-clamp-2 font-semibold leading-tight break-words">{studio.name}</span>
        </Link>
        <div className="flex shrink-0 items-center gap-1">
          {/* The search page has the instant-results box; every storefront page reaches it in one step. */}
          <Link
            href={`/${studio.slug}/search`}
            prefetch={false}
            aria-label={tShop('searchLabel')}
            className="inline-flex size-10 items-center justify-center rounded-md hover:bg-muted"
          >
            <Search className="size-5" aria-hidden="true" />
          </Link>
          <CartIndicator
            studio={studio.slug}
            label={tCheckout('cartLink')}
            countLabel={tCheckout('cartLinkCount', { count: '{count}' })}
          />
          <div className="ml-2 hidden items-center gap-3 lg:flex">{secondary}</div>
          <details data-popover className="group relative lg:hidden">
            <summary className="flex size-10 cursor-pointer list-none items-center justify-center rounded-md hover:bg-muted [&::-webkit-details-marker]:hidden">
              <Menu className="size-5 group-open:hidden" aria-hidden="true" />
              <X className="hidden size-5 group-open:block" aria-hidden="true" />
              <span className="sr-only">{t('menu')}</span>
            </summary>
            <div className="absolute top-full right-0 z-40 mt-2 flex w-64 max-w-[calc(100vw-2rem)] flex-col items-start gap-4 rounded-lg border bg-background p-4 shadow-lg">
              {secondary}
            </div>
          </details>
        </div>
      </div>
    </header>
  );
}

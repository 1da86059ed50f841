import '@fontsource-variable/inter';
import '@fontsource/noto-sans-thai/400.css';
import '@fontsource/noto-sans-thai/600.css';
import '@fontsource/noto-sans-thai/700.css';
import './globals.css';
import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { BrokenImages } from '@/components/broken-images';
import { PopoverDisclosures } from '@/components/popover-disclosures';
import { ThemeProvider } from '@/components/theme-provider';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Home');
  return {
    title: { default: 'Atelier', template: '%s · Atelier' },
    description: t('metaDescription'),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    // next-themes sets the theme class on <html> before hydration; React must not flag that.
    <html lang={locale} suppressHydrationWarning>
      <body className="min-h-dvh">
        <BrokenImages />
        <PopoverDisclosures />
        {/* Client components only need the error page's strings; the rest are rendered on the server. */}
        <NextIntlClientProvider messages={{ Error: messages.Error }}>
          <ThemeProvider>{children}</ThemeProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

import type { AbstractIntlMessages } from 'next-intl';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

/** Ships only the namespaces a page's client components use (plus Error) to the browser. */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: string[];
  children: ReactNode;
}) {
  const messages = await getMessages();
  const picked: AbstractIntlMessages = { Error: messages.Error };
  for (const namespace of namespaces) picked[namespace] = messages[namespace] as AbstractIntlMessages;
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}

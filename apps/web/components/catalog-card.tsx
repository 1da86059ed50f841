import type { CatalogItem } from '@atelier/sdk';
import { getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';
import { formatMoney } from '@/lib/money';

interface CatalogCardProps {
  item: CatalogItem;
  /** The language the studio wrote the item in (its name and summary), for screen readers. */
  contentLang: string;
}

export async function CatalogCard({ item, contentLang }: CatalogCardProps) {
  const [t, locale] = await Promise.all([getTranslations('Kinds'), getLocale()]);
  return (
    <Card className="h-full">
      <CardHeader>
        <div>
          <Badge variant="secondary">{t(item.kind)}</Badge>
        </div>
        <CardTitle lang={contentLang} className="mt-1">
          {item.name}
        </CardTitle>
        {item.summary ? (
          <CardDescription lang={contentLang} className="line-clamp-3">
            {item.summary}
          </CardDescription>
        ) : null}
      </CardHeader>
      <CardFooter>
        <p className="text-lg font-semibold text-brand-ink">{formatMoney(item.price, locale)}</p>
      </CardFooter>
    </Card>
  );
}

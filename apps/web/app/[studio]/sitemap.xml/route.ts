import { loadStudio } from '@/lib/api';
import {
  categoryChain,
  categoryPath,
  getSitemapData,
  itemPath,
  listCategories,
  siteOrigin,
} from '@/lib/catalog';
import { answersTooManyRequestsItself } from '@/lib/outcome';

// Per request: the catalog changes whenever the studio edits it.
export const dynamic = 'force-dynamic';

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char]!,
  );

function url(loc: string, lastmod?: string): string {
  return `<url><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : ''}</url>`;
}

/**
 * The studio's sitemap: its home, every category and every published item (a route handler, not a
 * sitemap.ts metadata file, so it can 404 for an unknown studio and answer per studio).
 *
 * Over the API's rate limit a crawler gets a plain 429 with Retry-After on this same URL, not a redirect
 * to the HTML 429 page (lib/outcome.ts answersTooManyRequestsItself).
 */
export const GET = answersTooManyRequestsItself(async function GET(
  _request: Request,
  { params }: { params: Promise<{ studio: string }> },
): Promise<Response> {
  const { studio: slug } = await params;
  const studio = await loadStudio(slug);
  if (!studio.ok) {
    return new Response(studio.error.status === 404 ? 'Not found' : 'Unavailable', {
      status: studio.error.status === 404 ? 404 : 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const [data, tree, origin] = await Promise.all([getSitemapData(slug), listCategories(slug), siteOrigin()]);
  if (!data.ok || !tree.ok) {
    return new Response('Unavailable', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30' },
    });
  }
  const entries = [
    url(`${origin}/${slug}`),
    ...data.value.categories.map((category) =>
      url(`${origin}${categoryPath(slug, categoryChain(tree.value, category.slug))}`, category.updatedAt),
    ),
    ...data.value.items.map((item) => url(`${origin}${itemPath(slug, item.slug)}`, item.updatedAt)),
  ];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
  return new Response(xml, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
});

import { loadStudio } from '@/lib/api';
import { siteOrigin } from '@/lib/catalog';
import { answersTooManyRequestsItself } from '@/lib/outcome';

export const dynamic = 'force-dynamic';

/**
 * The studio's robots rules: the storefront may be crawled, the portal, admin and search results not;
 * names the studio's sitemap. (Crawlers read /robots.txt at a host's root; a studio on its own domain
 * gets this file there.)
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
    return new Response('Not found', { status: studio.error.status === 404 ? 404 : 503 });
  }
  const origin = await siteOrigin();
  const body = [
    'User-agent: *',
    `Allow: /${slug}`,
    `Disallow: /${slug}/admin`,
    `Disallow: /${slug}/portal`,
    `Disallow: /${slug}/search`,
    '',
    `Sitemap: ${origin}/${slug}/sitemap.xml`,
    '',
  ].join('\n');
  return new Response(body, {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
});

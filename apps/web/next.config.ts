import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// Relative to apps/web, where `next build` and `next dev` run.
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
};

export default withNextIntl(nextConfig);

import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing.js';
import { setVisitorHeader, VISITOR_IP_HEADER, WEB_TOKEN_HEADER, webCallerToken } from './internal-caller.js';

describe('rate limit for the web server rendering pages', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await buildTestApp({ config: { rateLimitPerMinute: 2 } });
    token = webCallerToken(t.config.appSecret);
  });
  afterAll(async () => t.close());

  // Each test uses its own caller addresses: buckets last a minute and are shared by the whole app.
  const call = (remoteAddress: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/api/v1/studios', remoteAddress, headers });

  it('counts a valid web-server call against the visitor it renders for, not the web server', async () => {
    const statuses: number[] = [];
    for (const visitor of ['203.0.113.1', '203.0.113.2', '2001:db8::3']) {
      const answer = await call('10.0.0.1', { [WEB_TOKEN_HEADER]: token, [VISITOR_IP_HEADER]: visitor });
      statuses.push(answer.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200]);
  });

  it('still limits one visitor across the web server and the visitor browser', async () => {
    const asVisitor = { [WEB_TOKEN_HEADER]: token, [VISITOR_IP_HEADER]: '203.0.113.10' };
    expect((await call('10.0.0.2', asVisitor)).statusCode).toBe(200);
    expect((await call('10.0.0.2', asVisitor)).statusCode).toBe(200);
    expect((await call('10.0.0.2', asVisitor)).statusCode).toBe(429);
    // The browser's own call shares the same bucket: rendering through the web buys no extra budget.
    expect((await call('203.0.113.10', {})).statusCode).toBe(429);
  });

  it('ignores a visitor header without the web token (spoofing it gains nothing)', async () => {
    const attempts: [string, Record<string, string>][] = [
      ['198.51.100.1', {}],
      ['198.51.100.2', { [WEB_TOKEN_HEADER]: 'not-the-token' }],
      ['198.51.100.3', { [WEB_TOKEN_HEADER]: `${token}x` }],
      ['198.51.100.4', { [WEB_TOKEN_HEADER]: webCallerToken('another-secret-of-32-characters-or-more') }],
    ];
    for (const [remote, headers] of attempts) {
      const statuses: number[] = [];
      for (const visitor of ['203.0.113.21', '203.0.113.22', '203.0.113.23']) {
        statuses.push((await call(remote, { ...headers, [VISITOR_IP_HEADER]: visitor })).statusCode);
      }
      expect(statuses).toEqual([200, 200, 429]);
    }
  });

  it('keys by the caller when the visitor header is not an address', async () => {
    const statuses: number[] = [];
    for (const visitor of ['nobody', 'nobody-else', '']) {
      const answer = await call('10.0.0.4', { [WEB_TOKEN_HEADER]: token, [VISITOR_IP_HEADER]: visitor });
      statuses.push(answer.statusCode);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('webCallerToken', () => {
  it('is derived from APP_SECRET, never the secret itself', () => {
    const secret = 's'.repeat(40);
    expect(webCallerToken(secret)).not.toContain(secret);
    expect(webCallerToken(secret)).toBe(webCallerToken(secret));
    expect(webCallerToken(secret)).not.toBe(webCallerToken('t'.repeat(40)));
  });
});

describe('setVisitorHeader', () => {
  it('replaces a visitor address the client sent with the one Fastify saw', () => {
    const headers: IncomingHttpHeaders = { host: 'shop.example', [VISITOR_IP_HEADER]: '1.2.3.4' };
    setVisitorHeader(headers, '203.0.113.50');
    expect(headers[VISITOR_IP_HEADER]).toBe('203.0.113.50');
    expect(headers.host).toBe('shop.example');
  });
});

import { fileURLToPath } from 'node:url';
import { OAuth2Server } from 'oauth2-mock-server';

/**
 * A stand-in for Discord's OAuth server on this machine, for the demo: QR Studios' players sign in
 * with "Discord" without a Discord application. Every sign-in is the demo player below (whose email
 * matches a QR Studios client, so their history attaches). Start it with `npm run demo:oauth`, then
 * start Atelier with the variables it prints.
 */
export const DEMO_DISCORD_PLAYER = {
  id: '802114409551675432',
  username: 'mint.plays',
  global_name: 'Mint',
  email: 'mint@players.test',
  verified: true,
  avatar: null,
};

export async function startDemoDiscord({ port = 3100, host = '127.0.0.1' } = {}) {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  server.service.on('beforeUserinfo', (userInfo: { body: Record<string, unknown> }) => {
    userInfo.body = { ...DEMO_DISCORD_PLAYER };
  });
  await server.start(port, host);
  const issuer = server.issuer.url ?? `http://${host}:${port}`;
  const env = {
    OAUTH_DISCORD_CLIENT_ID: 'atelier-demo',
    OAUTH_DISCORD_CLIENT_SECRET: 'atelier-demo-secret',
    OAUTH_DISCORD_AUTHORIZATION_URL: `${issuer}/authorize`,
    OAUTH_DISCORD_TOKEN_URL: `${issuer}/token`,
    OAUTH_DISCORD_USERINFO_URL: `${issuer}/userinfo`,
  };
  return { server, issuer, env, stop: () => server.stop() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 3100);
  const { env, issuer } = await startDemoDiscord({ port });
  const assignments = Object.entries(env)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  console.log(`Demo Discord OAuth server on ${issuer} (every sign-in is ${DEMO_DISCORD_PLAYER.email}).`);
  console.log(`In another terminal:\n  ${assignments} npm start`);
}

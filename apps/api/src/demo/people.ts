/** Demo sign-ins: one shared password, printed by `npm start`. Never seeded in production by default. */
export const DEMO_PASSWORD = 'atelier-demo-password';

export interface DemoPerson {
  name: string;
  email: string;
  /** The studio (slug) and role, or the platform admin. */
  studio: string | null;
  role: 'owner' | 'admin' | 'staff' | 'moderator' | 'platform-admin' | 'client';
  /** TOTP turned on with the shared demo secret (DEMO_TOTP_SECRET) at seeding. */
  totp?: true;
}

/**
 * The demo TOTP secret (base32): add it to an authenticator app (manual entry, time-based, 6 digits)
 * to sign in as the demo people marked `totp`. Public on purpose; demo data only.
 */
export const DEMO_TOTP_SECRET = 'ATELIERDEMOTOTPSECRETVOLTSUPPLY2';

export const DEMO_PEOPLE: DemoPerson[] = [
  { name: 'Platform Admin', email: 'admin@atelier.test', studio: null, role: 'platform-admin' },
  { name: 'Mike Tysun', email: 'mike@tysun-mike.test', studio: 'tysun-mike-productions', role: 'owner' },
  { name: 'Rae Santos', email: 'rae@tysun-mike.test', studio: 'tysun-mike-productions', role: 'staff' },
  { name: 'Jolene Park', email: 'jolene@electric-muse.test', studio: 'electric-muse', role: 'owner' },
  { name: 'Dex Moreno', email: 'dex@electric-muse.test', studio: 'electric-muse', role: 'staff' },
  { name: 'Frank Alvarez', email: 'frank@volt-supply.test', studio: 'volt-supply', role: 'owner' },
  { name: 'Priya Nair', email: 'priya@volt-supply.test', studio: 'volt-supply', role: 'staff', totp: true },
  { name: 'Hannah Lumen', email: 'hannah@lumen-field.test', studio: 'focusflow-demo', role: 'owner' },
  { name: 'Theo Field', email: 'theo@lumen-field.test', studio: 'focusflow-demo', role: 'staff' },
  { name: 'Krit Wongsa', email: 'krit@qr-studios.test', studio: 'qr-studios', role: 'owner' },
  { name: 'Nok Chaiyo', email: 'nok@qr-studios.test', studio: 'qr-studios', role: 'moderator' },
  // A QR Studios player: a client, not a member. The demo Discord server (npm run demo:oauth) signs
  // in as this address too, so "Sign in with Discord" lands in the same account.
  { name: 'Mint', email: 'mint@players.test', studio: 'qr-studios', role: 'client' },
];

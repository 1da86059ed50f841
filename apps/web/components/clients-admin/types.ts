import type { JsonBody } from '@atelier/sdk';

/** A studio's client record as the clients area reads it (`GET /studios/{studio}/clients`). */
export type StudioClient = JsonBody<'getStudioClient', 200>;
export type ClientPage = JsonBody<'listStudioClients', 200>;
/** A client's wallet as staff see it: balance and a page of statement lines. */
export type ClientWallet = JsonBody<'getClientWallet', 200>;
export type ClientWalletEntry = ClientWallet['items'][number];
/** What a client has ordered: how many orders, paid less refunded, the last one. */
export type ClientTotals = JsonBody<'listClientOrderTotals', 200>['items'][number];

/** The list's record filter: live records (the default), retired ones, or both. */
export const CLIENT_STATES = ['live', 'retired', 'all'] as const;
export type ClientState = (typeof CLIENT_STATES)[number];

/** The API's `retired` query value for a state (undefined: both). */
export function retiredQuery(state: ClientState): 'true' | 'false' | undefined {
  if (state === 'all') return undefined;
  return state === 'retired' ? 'true' : 'false';
}

export const clientPage = (studio: string, id: string) => `/${studio}/admin/clients/${id}`;

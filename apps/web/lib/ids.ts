/**
 * Whether a path segment or query value is a UUID, as the API's ids are. Pages check before asking:
 * a malformed id in a URL is a 404 page (or an ignored filter), not a round trip to the API's 400.
 */
export function isUuid(text: string | undefined | null): text is string {
  return typeof text === 'string' && UUID.test(text);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A same-origin path to go to after signing in; anything else (//evil, https://...) becomes `fallback`. */
export function safeNextPath(value: string | string[] | null | undefined, fallback = '/account'): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate?.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) {
    return fallback;
  }
  return candidate;
}

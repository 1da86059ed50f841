import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../messages/en.json';
import th from '../messages/th.json';

/**
 * The two message catalogues are the pages' words. Three ways they go wrong without anyone seeing it
 * on the English pages: a key added in one language only (next-intl shows the key's path to the Thai
 * reader), a placeholder renamed in one language (the value silently disappears), and words left behind
 * after the page that used them changed (the next reader translates dead text).
 */

type Catalogue = { [key: string]: string | Catalogue };

function leaves(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') found.set(prefix + key, value);
    else for (const [path, text] of leaves(value, `${prefix}${key}.`)) found.set(path, text);
  }
  return found;
}

/**
 * The arguments an ICU message shows to the reader, including those inside plural and select branches.
 * An argument that only chooses a branch (`{count, plural, one {a seat} other {seats}}` without `#`) is
 * left out: Thai has no plural, so its message may show `{n}` and never look at `count`.
 * A small reader rather than a parser dependency: our messages use plain `{name}`, `{n, plural, ...}`,
 * `{x, select, ...}`, `{d, date, ...}` and apostrophe quoting of braces.
 */
function messageArguments(message: string): Set<string> {
  const names = new Set<string>();
  const counting: string[] = []; // the plural arguments whose branches are being read, innermost last
  let at = 0;

  const skipSpace = () => {
    while (at < message.length && /\s/.test(message.charAt(at))) at++;
  };
  const readUntil = (stops: string) => {
    const start = at;
    while (at < message.length && !stops.includes(message.charAt(at))) at++;
    return message.slice(start, at).trim();
  };
  // Reads text up to the `}` that closes the current branch (or the end), collecting arguments.
  const readText = (): void => {
    while (at < message.length) {
      const char = message.charAt(at);
      if (char === "'" && /[{}#|]/.test(message.charAt(at + 1))) {
        const close = message.indexOf("'", at + 1);
        at = close === -1 ? message.length : close + 1;
      } else if (char === '{') {
        at++;
        readArgument();
      } else if (char === '}') {
        return;
      } else if (char === '#' && counting.length > 0) {
        names.add(counting.at(-1) ?? '');
        at++;
      } else {
        at++;
      }
    }
  };
  const readArgument = (): void => {
    const name = readUntil(',}');
    if (message.charAt(at) === '}') {
      names.add(name);
      at++;
      return;
    }
    at++; // ','
    const type = readUntil(',}');
    if (type === 'plural' || type === 'select' || type === 'selectordinal') {
      const plural = type !== 'select';
      if (plural) counting.push(name);
      if (message.charAt(at) === ',') at++;
      for (;;) {
        skipSpace();
        if (at >= message.length || message.charAt(at) === '}') break;
        readUntil('{'); // the selector, e.g. `=0`, `other`, `offset:1 one`
        at++; // '{'
        readText();
        at++; // '}'
      }
      if (plural) counting.pop();
      at++;
      return;
    }
    names.add(name);
    // number, date, time with an optional style: skip to the brace that closes the argument.
    let depth = 1;
    while (at < message.length && depth > 0) {
      const char = message.charAt(at++);
      if (char === '{') depth++;
      else if (char === '}') depth--;
    }
  };

  readText();
  return names;
}

const english = leaves(en as Catalogue);
const thai = leaves(th as Catalogue);

describe('the message catalogues', () => {
  it('have the same keys in English and Thai', () => {
    expect([...english.keys()].filter((key) => !thai.has(key))).toEqual([]);
    expect([...thai.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('use the same arguments in both languages', () => {
    const differ = [...english]
      .filter(([key]) => thai.has(key))
      .map(([key, text]) => ({
        key,
        en: [...messageArguments(text)].sort(),
        th: [...messageArguments(thai.get(key) ?? '')].sort(),
      }))
      .filter(({ en, th }) => en.join() !== th.join());
    expect(differ).toEqual([]);
  });

  it('are in Thai in the Thai catalogue', () => {
    // Words a Thai reader also types or sees in Latin letters: a code, a confirmation word, an address.
    const latinOnPurpose = new Set([
      'CatalogAdmin.variants.sku',
      'OrdersAdmin.lines.sku',
      'Account.privacy.deleteWord',
      'NewStudio.slugPlaceholder',
    ]);
    const untranslated = [...thai]
      .filter(([key]) => !latinOnPurpose.has(key))
      .filter(([, text]) => /[A-Za-z]{3}/.test(text.replace(/\{\w+\}/g, '')) && !/[\u0E00-\u0E7F]/.test(text))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it('reads arguments inside plural branches and skips quoted braces', () => {
    expect([...messageArguments('{count, plural, =0 {No items} other {# items in {place}}}')].sort()).toEqual(
      ['count', 'place'],
    );
    // `count` only chooses the English branch; both show `n`.
    expect([...messageArguments('{count, plural, one {{n} seat} other {{n} seats}}')]).toEqual(['n']);
    expect([...messageArguments("Use '{slug}' in {field}")]).toEqual(['field']);
    expect([...messageArguments('{at, date, medium} by {who}')]).toEqual(['at', 'who']);
  });

  it('keep no words that no page uses', () => {
    const source = sourceText(join(__dirname, '..'));
    // Keys built at run time: `t(\`status.${status}\`)` uses every key under `status.`.
    const builtPrefixes = [...source.matchAll(/`([A-Za-z][\w.]*\.)\$\{/g)].map((match) => match[1] ?? '');
    const quoted = new Set([...source.matchAll(/['"`]([\w.]+)['"`]/g)].map((match) => match[1] ?? ''));
    const unused = [...english.keys()].filter((key) => {
      const [namespace = '', ...path] = key.split('.');
      // The API names these rules; reasonMessage words whatever reason arrives (api-reasons.test.ts
      // checks each one the API sends).
      if (namespace === 'ApiReasons') return false;
      const inNamespace = path.join('.');
      if (quoted.has(inNamespace) || quoted.has(key)) return false;
      // A message read through a nested namespace (`useTranslations('CatalogAdmin.import')`, then
      // `t('header.twice')`): any tail of the path, quoted.
      if (path.some((_, from) => quoted.has(path.slice(from).join('.')))) return false;
      return !builtPrefixes.some((prefix) => inNamespace.startsWith(prefix) || key.startsWith(prefix));
    });
    expect(unused).toEqual([]);
  });
});

/** Every .ts and .tsx file of the web app except tests, build output and dependencies. */
function sourceText(dir: string): string {
  let text = '';
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) text += sourceText(path);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) text += readFileSync(path, 'utf8');
  }
  return text;
}

import { type SQL, sql } from 'drizzle-orm';
import { type Db, selectRows, type Tx } from '../../platform/db/index.js';

/**
 * The search document of an item, and the query side that matches it.
 *
 * Thai: Postgres ships no Thai parser, and Thai writes words without spaces, so the default parser
 * would see a whole sentence as one "word" and a query for one Thai word would never match. We split
 * every run of Thai letters into words with the ICU word segmenter built into Node
 * (`Intl.Segmenter('th', { granularity: 'word' })`) both when the document is written and when a query
 * arrives, join the words with spaces, and hand the result to the language-neutral 'simple' text-search
 * configuration (no stemming, no stop words: it works the same for English, Thai and SKUs). Why not an
 * extension (e.g. a Thai dictionary)? PGlite cannot load it, and both engines must behave the same.
 *
 * Weights: A name, B tags + brand + variant SKUs, C summary, D description (HTML stripped).
 * Typos: every lexeme also goes to the studio's vocabulary (catalog_search_words), and a query word the
 * vocabulary lacks is corrected to the most similar words there (pg_trgm) before the full-text match.
 */

const THAI_RUN = /[\u0E00-\u0E7F]+/g;
const thaiSegmenter = new Intl.Segmenter('th', { granularity: 'word' });

/**
 * Puts spaces between the words of every Thai run ("ไมโครโฟนคอนเดนเซอร์" -> "ไมโครโฟน คอนเดนเซอร์"),
 * except the runs in `keepWhole` (a query's mistyped Thai word, corrected as one: see `correctWords`).
 */
export function segmentThai(text: string, keepWhole?: ReadonlySet<string>): string {
  return text.replace(THAI_RUN, (run) =>
    keepWhole?.has(run) ? ` ${run} ` : ` ${thaiWords(run).join(' ')} `,
  );
}

/** The words ICU finds in one run of Thai letters. */
function thaiWords(run: string): string[] {
  const words: string[] = [];
  for (const part of thaiSegmenter.segment(run)) {
    if (part.isWordLike) words.push(part.segment);
  }
  return words;
}

/**
 * Whether this database can correct mistyped Thai words: pg_trgm counts only what the database's
 * character type (LC_CTYPE) calls letters, and the plain `C` locale calls no Thai character one, so
 * every Thai word has no trigrams and no similarity to anything. Asked of the engine itself (PGlite's
 * locale works) rather than read from the locale's name. The server warns at boot when it cannot.
 */
export async function thaiTypoCorrectionWorks(db: Db): Promise<{ works: boolean; ctype: string }> {
  const [row] = await selectRows<{ works: boolean; ctype: string }>(
    db,
    sql`select similarity('ตำรวด', 'ตำรวจ') > 0 as works, (select datctype from pg_database where datname = current_database()) as ctype`,
  );
  return { works: row?.works === true, ctype: row?.ctype ?? 'unknown' };
}

/** Text of sanitised HTML: tags dropped, the common entities decoded. */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

interface SourceRow {
  id: string;
  name: string;
  tags: string[];
  summary: string;
  description_html: string;
  brand: string | null;
  skus: string[] | null;
}

/**
 * Recomputes `search_vector` of the given items: one read of their texts (with brand
 * and SKUs), Thai segmentation in Node, one UPDATE for all of them. Call it in the transaction that
 * changed an item, its brand name or its variants' SKUs.
 */
export async function refreshSearchDocuments(tx: Tx, studioId: string, itemIds: string[]): Promise<void> {
  const ids = [...new Set(itemIds)];
  if (ids.length === 0) return;
  const { rows } = (await tx.execute(sql`
    select i.id, i.name, i.tags, i.summary, i.description_html, b.name as brand,
      (select array_agg(v.sku order by v.position) from catalog_variants v
        where v.item_id = i.id and v.active and v.sku is not null) as skus
    from catalog_items i
    left join catalog_brands b on b.id = i.brand_id
    where i.studio_id = ${studioId} and i.id = any(${toUuidArray(ids)})
  `)) as unknown as { rows: SourceRow[] };
  if (rows.length === 0) return;

  const documents = rows.map((row) => {
    const skus = (row.skus ?? []).join(' ');
    return {
      id: row.id,
      a: segmentThai(row.name),
      b: segmentThai([row.tags.join(' '), row.brand ?? '', skus].join(' ')),
      c: segmentThai(row.summary),
      d: segmentThai(stripHtml(row.description_html)),
    };
  });
  const column = (key: keyof (typeof documents)[number]) =>
    sql`${toTextArray(documents.map((document) => document[key]))}`;
  await tx.execute(sql`
    update catalog_items i set
      search_vector =
        setweight(to_tsvector('simple', d.a), 'A') ||
        setweight(to_tsvector('simple', d.b), 'B') ||
        setweight(to_tsvector('simple', d.c), 'C') ||
        setweight(to_tsvector('simple', d.d), 'D')
    from unnest(${column('id')}::uuid[], ${column('a')}, ${column('b')}, ${column('c')}, ${column('d')})
      as d(id, a, b, c, d)
    where i.id = d.id and i.studio_id = ${studioId}
  `);
  await addSearchWords(tx, studioId, ids);
}

/**
 * Adds the words of the given items' search documents to the studio's vocabulary (catalog_search_words),
 * which mistyped query words are corrected against. Published items only: "did you mean" must not
 * spell out the words of a draft. For writers that set `search_vector` themselves
 * (the demo seed); refreshSearchDocuments calls it.
 */
export async function addSearchWords(tx: Tx, studioId: string, itemIds: string[]): Promise<void> {
  if (itemIds.length === 0) return;
  await tx.execute(sql`
    insert into catalog_search_words (id, studio_id, word)
    select gen_random_uuid(), ${studioId}, w.word
    from (
      select distinct t.lexeme as word from catalog_items i, unnest(i.search_vector) as t
      where i.studio_id = ${studioId} and i.id = any(${toUuidArray(itemIds)}) and i.status = 'published'
    ) w
    on conflict (studio_id, word) do nothing
  `);
}

/**
 * How alike (pg_trgm similarity) a vocabulary word must be to be looked at as a correction at all. It is
 * set on catalog_similar_words itself (migrations 0018, 0022), so a call needs no set_config round trip
 * first; catalog.routes.test.ts checks the function's setting is this value. Low on purpose: a swapped
 * pair of letters breaks three or four trigrams of a short word ("scirpt" ~ "script": 0.27).
 */
export const CANDIDATE_THRESHOLD = 0.2;
/** A candidate this alike is a correction whatever its edit distance ("circut" ~ "circuit"). */
export const CORRECTION_THRESHOLD = 0.4;
/** Candidates fetched per mistyped word, most similar first, before the edit distance picks. */
const CANDIDATES_PER_WORD = 16;
/** Vocabulary words tried for each mistyped query word. */
const CORRECTIONS_PER_WORD = 3;
/** Code points of the longest Thai run tried as one mistyped word; a longer one is a phrase. */
const MAX_WHOLE_RUN = 20;

/** A query's words with, for each, the vocabulary words it may have meant (the word itself when known). */
export interface Corrections {
  /** The query words that must match (of 3+ letters when there are any), in order. */
  words: string[];
  /** For each of `words`, the vocabulary words to try, most similar first; empty when none is close. */
  alternatives: string[][];
  /** Thai runs of the query taken as one mistyped word rather than split by ICU (in `words` when kept). */
  wholeRuns?: string[];
}

/**
 * Corrects every query word against the studio's vocabulary: a word the catalog has stands for itself;
 * any other is replaced by up to three vocabulary words like it, found through the trigram index of a few
 * thousand short words rather than compared with every item's text. See `pickCorrections` for "like it".
 */
export async function correctWords(tx: Tx, q: string): Promise<Corrections> {
  const segmented = correctedWordsOf(q);
  if (segmented.length === 0) return { words: segmented, alternatives: [] };
  // A mistyped Thai word is in ICU's dictionary no more than in ours, so ICU cuts it into pieces that
  // each look like some other word ("ตำรวด", police mistyped, -> "ตำ" "รวด" -> "รวม"). Such a run is
  // also looked up whole, in the same round trip, and corrected as one word when it reads as one.
  // Only runs short enough to be one word (Thai is often typed without spaces: a long run is a phrase),
  // and a bounded lookup whatever was typed.
  const runs = [...new Set(q.toLowerCase().match(THAI_RUN) ?? [])]
    .filter((run) => [...run].length <= MAX_WHOLE_RUN && thaiWords(run).length > 1)
    .slice(0, 3);
  const lookup = [...new Set([...segmented, ...runs, ...runs.flatMap(thaiWords)])].slice(0, 12);
  const { rows } = (await tx.execute(sql`
    select query_word, word, score from catalog_similar_words(${toTextArray(lookup)}, ${CANDIDATES_PER_WORD})
  `)) as unknown as { rows: { query_word: string; word: string; score: number | string }[] };
  const correct = (word: string) =>
    pickCorrections(
      word,
      rows
        .filter((row) => row.query_word === word)
        .map((row) => ({ word: row.word, score: Number(row.score) })),
    );
  // Whole when its pieces are not all words of the catalog and the whole run is one of its words
  // mistyped (within the typing slips its length allows: "ห้องอัต" shares trigrams with "ห้อง" but is
  // that word with a second one, mistyped, after it, so its pieces are corrected one by one). Never
  // when that word is one of the run's own pieces: "ไมโครโฟนดำ" is the microphone and "black" (a word
  // the catalog lacks), two slips from "ไมโครโฟน" only because Thai marks count as letters.
  const wholeRuns = runs.filter((run) => {
    const pieces = thaiWords(run);
    const best = correct(run)[0];
    return (
      best !== undefined &&
      !pieces.includes(best) &&
      typingSlips(run, best, slipsAllowed(run) + 1) <= slipsAllowed(run) &&
      pieces.some((piece) => correct(piece)[0] !== piece)
    );
  });
  const words = wholeRuns.length > 0 ? correctedWordsOf(q, new Set(wholeRuns)) : segmented;
  return { words, alternatives: words.map(correct), ...(wholeRuns.length > 0 ? { wholeRuns } : {}) };
}

/** The query words that are corrected: those of 3+ letters when there are any, once each, at most 6. */
function correctedWordsOf(q: string, keepWhole?: ReadonlySet<string>): string[] {
  const all = queryWords(q, keepWhole);
  const long = all.filter((word) => word.length >= 3);
  return [...new Set(long.length > 0 ? long : all)].slice(0, 6);
}

/**
 * The corrections of one query word among the vocabulary's candidates (pg_trgm similarity at least
 * CANDIDATE_THRESHOLD): the word itself when the vocabulary has it; otherwise up to three candidates that
 * are either alike by trigrams (CORRECTION_THRESHOLD) or within a few typing slips of it (a slip is a
 * letter added, dropped, changed, or two neighbours swapped: `typingSlips`), fewest slips first. Slips
 * allowed grow with the word, as search engines commonly do: one for 3-5 letters, two from 6.
 */
export function pickCorrections(
  word: string,
  candidates: readonly { word: string; score: number }[],
): string[] {
  if (candidates.some((candidate) => candidate.word === word)) return [word];
  const allowed = slipsAllowed(word);
  return candidates
    .map((candidate) => ({ ...candidate, slips: typingSlips(word, candidate.word, allowed + 1) }))
    .filter((candidate) => candidate.score >= CORRECTION_THRESHOLD || candidate.slips <= allowed)
    .sort((a, b) => a.slips - b.slips || b.score - a.score || a.word.localeCompare(b.word))
    .slice(0, CORRECTIONS_PER_WORD)
    .map((candidate) => candidate.word);
}

/**
 * Typing slips forgiven in a query word of this length: none under 3 letters, one up to 5, then two.
 * None in a word with a digit: "40a" one slip from "10a" is another product, not a typo.
 */
function slipsAllowed(word: string): number {
  if (/\p{N}/u.test(word)) return 0;
  const letters = [...word].length;
  return letters < 3 ? 0 : letters < 6 ? 1 : 2;
}

/** Whether `candidate` reads as `word` mistyped: alike by trigrams, or a few typing slips away. */
function looksLike(word: string, candidate: string): boolean {
  const allowed = slipsAllowed(word);
  return (
    wordSimilarity(word, candidate) >= CORRECTION_THRESHOLD ||
    typingSlips(word, candidate, allowed + 1) <= allowed
  );
}

/**
 * The edits that turn `a` into `b` (optimal string alignment: insert, delete, substitute, or swap two
 * neighbouring letters), counted by code point so Thai marks are letters. Stops counting at `cap`: only
 * "few or many" matters here.
 */
export function typingSlips(a: string, b: string, cap: number): number {
  const left = [...a];
  const right = [...b];
  if (Math.abs(left.length - right.length) >= cap) return cap;
  // Three rows of the edit table: two back (for swaps), the previous, the current.
  let twoBack: number[] = [];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= right.length; j += 1) {
      const same = left[i - 1] === right[j - 1];
      let cost = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (same ? 0 : 1),
      );
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) {
        cost = Math.min(cost, (twoBack[j - 2] ?? 0) + 1);
      }
      current.push(cost);
      best = Math.min(best, cost);
    }
    if (best >= cap) return cap;
    twoBack = previous;
    previous = current;
  }
  return Math.min(previous[right.length] ?? cap, cap);
}

/**
 * The tsquery of corrected words: each word's alternatives OR-ed, the words AND-ed. Lexemes are quoted
 * and cast (not parsed again), so a vocabulary word is matched exactly as it was stored. null when a
 * word has no alternative (nothing can match every word).
 */
export function correctedTsQuery({ words, alternatives }: Corrections): SQL | null {
  if (words.length === 0 || alternatives.some((options) => options.length === 0)) return null;
  const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  const text = alternatives.map((options) => `(${options.map(quote).join(' | ')})`).join(' & ');
  return sql`${text}::tsquery`;
}

/** Letters, digits and marks: what a word of a query is made of (anything else separates words). */
const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
/** What someone typed without a break: words, and Thai runs whole (see THAI_RUN). */
const UNSPACED_RUN = /[\p{L}\p{N}\p{M}\u0E00-\u0E7F]+/gu;

/**
 * The words of a query, Thai runs segmented (but those in `keepWhole`), punctuation dropped,
 * lower-cased (safe in a tsquery).
 */
export function queryWords(q: string, keepWhole?: ReadonlySet<string>): string[] {
  return segmentThai(q.toLowerCase(), keepWhole).match(WORD_RUN)?.slice(0, 12) ?? [];
}

/**
 * The tsquery for what someone typed: every word must match, the last one as a prefix (instant search
 * matches while typing). null when the query has no words.
 */
export function toTsQuery(q: string): SQL | null {
  const words = queryWords(q);
  if (words.length === 0) return null;
  const text = words.map((word, index) => (index === words.length - 1 ? `${word}:*` : word)).join(' & ');
  return sql`to_tsquery('simple', ${text})`;
}

// Arrays as Postgres literals: drizzle's sql`` expands a JS array into a list of parameters, which
// `unnest`/`any` cannot take; one text parameter with an explicit cast works on both drivers.
export function toTextArray(values: string[]): SQL {
  return sql`${arrayLiteral(values)}::text[]`;
}

export function toUuidArray(values: string[]): SQL {
  return sql`${arrayLiteral(values)}::uuid[]`;
}

function arrayLiteral(values: string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

// --- suggestions and highlights (in Node: small inputs, no round trips) ----------------------------

/** pg_trgm's trigrams of one word: lower-cased, padded with two spaces before and one after. */
function trigrams(word: string): Set<string> {
  const padded = `  ${word.toLowerCase()} `;
  const set = new Set<string>();
  for (let index = 0; index + 3 <= padded.length; index += 1) set.add(padded.slice(index, index + 3));
  return set;
}

/** pg_trgm's similarity() of two words: shared trigrams over all trigrams. */
export function wordSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = trigrams(b);
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared += 1;
  return shared / (left.size + right.size - shared || 1);
}

/**
 * "Did you mean": each word of the query replaced by its best correction (the one the typo search
 * used), when it has one. null when nothing changes.
 *
 * Words the person typed together stay together: Thai has no spaces between words, so the pieces of
 * one run ("ห้อง" + "อัต") are put back side by side ("ห้องอัด"), not shown as "ห้อง อัด", which reads
 * as two searches. Between runs the suggestion has one space, as the search itself sees them.
 */
export function didYouMean(q: string, corrections: Corrections): string | null {
  const keepWhole = new Set(corrections.wholeRuns);
  const best = new Map(corrections.words.map((word, index) => [word, corrections.alternatives[index]?.[0]]));
  let changed = false;
  const runs: string[] = [];
  // The same words as queryWords(): an unspaced run is segmented exactly as the whole query would be,
  // Thai signs that are no letters (฿, ๏) included, so a run kept whole there is kept whole here.
  for (const run of q.toLowerCase().match(UNSPACED_RUN) ?? []) {
    const words = segmentThai(run, keepWhole).match(WORD_RUN) ?? [];
    runs.push(
      words
        .map((word) => {
          const correction = best.get(word);
          if (!correction || correction === word) return word;
          changed = true;
          return correction;
        })
        .join(''),
    );
  }
  return changed ? runs.join(' ') : null;
}

const OPEN = '\u27E6';
const CLOSE = '\u27E7';
/** ts_headline options: markers that cannot be mistaken for text, turned into <mark> after escaping. */
export const HEADLINE_OPTIONS = `StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=24, MinWords=8, MaxFragments=1`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Safe HTML for a snippet: everything escaped, then the marked words wrapped in <mark>. When the
 * database marked nothing (Thai text is stored unsegmented; a fuzzy match has no exact word), words
 * similar to the query's are marked here instead.
 */
export function highlightHtml(snippet: string, q: string): string {
  let marked = snippet;
  if (!marked.includes(OPEN)) {
    const words = queryWords(q);
    marked = marked.replace(/[\p{L}\p{N}\p{M}]+/gu, (token) => {
      const lower = token.toLowerCase();
      const hit = words.some(
        (word) => (word.length >= 2 && lower.includes(word)) || (lower.length >= 3 && looksLike(word, lower)),
      );
      return hit ? `${OPEN}${token}${CLOSE}` : token;
    });
  }
  return escapeHtml(marked).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>');
}

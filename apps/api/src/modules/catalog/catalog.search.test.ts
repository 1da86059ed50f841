import { describe, expect, it } from 'vitest';
import { didYouMean, pickCorrections, typingSlips } from './catalog.search.js';

describe('typing slips', () => {
  it('counts an added, dropped or changed letter, and two neighbours swapped, as one slip each', () => {
    expect(typingSlips('script', 'script', 3)).toBe(0);
    expect(typingSlips('scirpt', 'script', 3)).toBe(1);
    expect(typingSlips('scrip', 'script', 3)).toBe(1);
    expect(typingSlips('scriipt', 'script', 3)).toBe(1);
    expect(typingSlips('scropt', 'script', 3)).toBe(1);
    expect(typingSlips('sciprt', 'script', 3)).toBe(2);
    // Thai marks are letters of their own.
    expect(typingSlips('ไมโครโฟน', 'ไมโครโฟน', 3)).toBe(0);
    expect(typingSlips('ไมโครโฟม', 'ไมโครโฟน', 3)).toBe(1);
  });

  it('stops counting at the cap', () => {
    expect(typingSlips('abcdef', 'uvwxyz', 3)).toBe(3);
    expect(typingSlips('a', 'abcdefgh', 2)).toBe(2);
  });
});

describe('picking corrections', () => {
  const candidates = [
    { word: 'scripts', score: 0.33 },
    { word: 'script', score: 0.27 },
    { word: 'scrap', score: 0.22 },
  ];

  it('keeps a word the vocabulary has', () => {
    expect(pickCorrections('script', [{ word: 'script', score: 1 }, ...candidates])).toEqual(['script']);
  });

  it('puts the fewest slips first, and leaves out words that are neither alike nor a slip or two away', () => {
    expect(pickCorrections('scirpt', candidates)).toEqual(['script', 'scripts']);
    // Short words forgive one slip only.
    expect(
      pickCorrections('scarp', [
        { word: 'scrap', score: 0.22 },
        { word: 'scarf', score: 0.25 },
      ]),
    ).toEqual(['scarf', 'scrap']);
    expect(pickCorrections('scupt', [{ word: 'script', score: 0.22 }])).toEqual([]);
  });

  it('forgives no slip in a word with a digit: another size is another product', () => {
    expect(pickCorrections('40a', [{ word: '10a', score: 0.25 }])).toEqual([]);
    expect(pickCorrections('2024', [{ word: '2025', score: 0.3 }])).toEqual([]);
  });

  it('keeps a candidate alike by trigrams even when it is more slips away', () => {
    expect(pickCorrections('circut', [{ word: 'circuitry', score: 0.45 }])).toEqual(['circuitry']);
  });

  it('says "did you mean" with the corrections the search used, leaving other words as typed', () => {
    const corrections = { words: ['scirpt', 'garage'], alternatives: [['script', 'scripts'], ['garage']] };
    expect(didYouMean('Scirpt garage v2', corrections)).toBe('script garage v2');
    expect(didYouMean('garage', { words: ['garage'], alternatives: [['garage']] })).toBeNull();
  });

  it('keeps the words of one Thai run together in "did you mean", and runs apart as the search saw them', () => {
    // ICU reads "ห้องอัต" as "ห้อง" + "อัต"; only the second was mistyped.
    const corrections = { words: ['ห้อง', 'อัต', 'mic'], alternatives: [['ห้อง'], ['อัด', 'อัตรา'], ['mic']] };
    expect(didYouMean('ห้องอัต', corrections)).toBe('ห้องอัด');
    expect(didYouMean('ห้อง อัต', corrections)).toBe('ห้อง อัด');
    expect(didYouMean('Mic, ห้องอัต!', corrections)).toBe('mic ห้องอัด');
    // A run corrected whole stays one word.
    const whole = { words: ['ตำรวด'], alternatives: [['ตำรวจ']], wholeRuns: ['ตำรวด'] };
    expect(didYouMean('ตำรวด', whole)).toBe('ตำรวจ');
    // Kept whole with a baht sign on it, as the search saw it (the sign is no word).
    const withSign = { words: ['ตำรวด'], alternatives: [['ตำรวจ']], wholeRuns: ['ตำรวด฿'] };
    expect(didYouMean('ตำรวด฿', withSign)).toBe('ตำรวจ');
    expect(didYouMean('ห้องอัด', { words: ['ห้อง', 'อัด'], alternatives: [['ห้อง'], ['อัด']] })).toBeNull();
  });
});

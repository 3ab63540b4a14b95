import { describe, expect, it } from '@jest/globals';
import { normaliseHashtag, parseMessageText, validateMessageText } from './message-text.js';

describe('message text', () => {
  it('trims and keeps the text as given, markup included', () => {
    expect(validateMessageText('  <b>hoi</b> & "jij"  ', { field: 'text' })).toBe('<b>hoi</b> & "jij"');
  });

  it.each([
    ['empty text', '', 'cannot be empty'],
    ['whitespace only', '   \n\t ', 'cannot be empty'],
    ['1001 characters', 'x'.repeat(1001), 'at most 1000 characters; this one has 1001'],
    ['a number', 42, 'must be text'],
    ['a NUL character', 'a\u0000b', 'NUL'],
  ])('refuses %s', (_name, raw, message) => {
    expect(() => validateMessageText(raw, { field: 'text' })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringContaining(message) }));
  });

  it('counts characters, not UTF-16 units: 1000 emoji fit', () => {
    expect([...validateMessageText('😀'.repeat(1000), { field: 'text' })]).toHaveLength(1000);
  });

  it('finds links, mentions and hashtags with offsets', () => {
    const text = 'Zie https://plein.example/a?b=1. @Demo.Employee en #iPhone #Café, niet a@b.nl of #1';
    const p = parseMessageText(text);
    expect(p.links).toEqual([{ url: 'https://plein.example/a?b=1', start: 4, end: 31 }]);
    expect(text.slice(p.links[0].start, p.links[0].end)).toBe('https://plein.example/a?b=1');
    expect(p.mentions.map((m) => m.uid)).toEqual(['demo.employee']);
    expect(text.slice(p.mentions[0].start, p.mentions[0].end)).toBe('@Demo.Employee');
    expect(p.hashtags.map((h) => h.tag)).toEqual(['iphone', 'café']);
  });

  it('ignores # and @ inside links', () => {
    const p = parseMessageText('https://x.example/#anchor/@someone');
    expect(p.hashtags).toEqual([]);
    expect(p.mentions).toEqual([]);
  });

  it('normalises hashtags to NFC lower-case, accents kept', () => {
    expect(normaliseHashtag('#CAFE\u0301')).toBe('café');
    expect(normaliseHashtag('Café')).not.toBe('cafe');
  });
});

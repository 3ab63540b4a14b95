import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@plein/core';
import { diffLines, linesOf, normaliseTags, sanitizeBody, validateTitle } from './blog-html.js';

/** Known XSS vectors (OWASP filter-evasion cheat sheet, html5sec.org, mXSS write-ups). */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://ok.example/a.png" onerror="alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="jav&#x0A;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="java&#0;script:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="javascript:alert(1)">',
  '<img src="//evil.example/x.png">',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div style="width: expression(alert(1))">x</div>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="https://evil.example/x.swf"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<form><button formaction="javascript:alert(1)">x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><p><style><g title="</style><img src=x onerror=alert(1)>">',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>alert(1)//<</script>',
  '<img src=x onerror=alert(1)',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<![CDATA[<script>alert(1)</script>]]>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<p onmouseover="alert(1)">hover</p>',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<video><source onerror="alert(1)"></video>',
  '<audio src=x onerror=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<x onclick=alert(1)>click</x>',
  '<a href="https://ok.example" target="_blank">x</a>',
  '[x](javascript:alert(1))',
  '![x](javascript:alert(1))',
  '<template><script>alert(1)</script></template>',
  '<textarea><script>alert(1)</script></textarea>',
  '<isindex action=javascript:alert(1) type=image>',
];

/** No executable vector: no dangerous element, no event handler, no script-capable URL, no style. */
function assertSafe(html: string) {
  const lower = html.toLowerCase();
  expect(lower).not.toMatch(/<\s*(script|style|iframe|object|embed|form|input|button|meta|base|link|svg|math|body|video|audio|source|details|marquee|template|textarea|isindex|noscript|x)\b/);
  expect(lower).not.toMatch(/<[^>]*\son[a-z]+\s*=/);
  expect(lower).not.toMatch(/<[^>]*\sstyle\s*=/);
  expect(lower).not.toMatch(/<[^>]*\s(href|src|action|formaction|background|srcdoc)\s*=\s*["']?\s*(javascript|vbscript|data):/);
  expect(lower).not.toMatch(/<[^>]*\s(href|src)\s*=\s*["']?\s*\/\//);
  // Every link that survives is http(s)/mailto with the safe rel; every image https or /photos/.
  for (const m of html.matchAll(/<a\b[^>]*>/gi)) expect(m[0]).toContain('rel="noopener noreferrer nofollow"');
  for (const m of html.matchAll(/\shref="([^"]*)"/gi)) expect(m[1]).toMatch(/^(https?:|mailto:)/i);
  for (const m of html.matchAll(/\ssrc="([^"]*)"/gi)) expect(m[1]).toMatch(/^(https:\/\/|\/photos\/)/i);
}

/** With an intro, so no body is empty once cleaned (that is refused, tested below). */
function sanitize(payload: string, as: 'html' | 'md' = 'html') {
  return sanitizeBody(as === 'html' ? { bodyHtml: `<p>Intro</p>${payload}` } : { bodyMarkdown: `Intro\n\n${payload}` });
}

describe('blog body sanitiser', () => {
  it(`neutralises ${PAYLOADS.length} known XSS payloads, as HTML and as Markdown`, () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
    for (const payload of PAYLOADS) {
      assertSafe(sanitize(payload, 'html').html);
      assertSafe(sanitize(payload, 'md').html);
    }
  });

  it('reports what it removed instead of dropping it silently', () => {
    const r = sanitizeBody({ bodyHtml: '<p onclick="x()">Hi <script>alert(1)</script><img src="javascript:x" onerror="y()"><a href="javascript:z">z</a></p><iframe src="https://e"></iframe>' });
    expect(r.report.removedTags).toEqual(expect.arrayContaining(['script', 'iframe']));
    expect(r.report.removedAttributes).toEqual(expect.arrayContaining(['p[onclick]', 'img[onerror]', 'img[src]', 'a[href]']));
    expect(r.html).toBe('<p>Hi <a rel="noopener noreferrer nofollow">z</a></p>');
  });

  it('keeps the allowed formatting', () => {
    const md = sanitizeBody({ bodyMarkdown: '## Kop\n\nTekst met **vet** en _schuin_ en [link](https://plein.example) en `code`.\n\n> citaat\n\n- een\n- twee\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![foto](/photos/abc/medium)' });
    expect(md.html).toContain('<h2>Kop</h2>');
    expect(md.html).toContain('<strong>vet</strong>');
    expect(md.html).toContain('<em>schuin</em>');
    expect(md.html).toContain('<a href="https://plein.example" rel="noopener noreferrer nofollow">link</a>');
    expect(md.html).toContain('<blockquote>');
    expect(md.html).toContain('<li>een</li>');
    expect(md.html).toContain('<table>');
    expect(md.html).toContain('<img src="/photos/abc/medium" alt="foto" />');
    expect(md.report).toEqual({ removedTags: [], removedAttributes: [] });
    expect(md.text).toContain('Tekst met vet en schuin');
    // h1 is not allowed (the title is the page's h1): it goes, with the report saying so.
    expect(sanitizeBody({ bodyHtml: '<h1>Big</h1><p>x</p>' }).report.removedTags).toEqual(['h1']);
  });

  it('refuses bodies that are too big, empty once cleaned, or given twice, naming the field', () => {
    const expectBad = (fn: () => unknown, field: string) => {
      try {
        fn();
        throw new Error('expected an error');
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).code).toBe('BAD_USER_INPUT');
        expect((err as DomainError).details?.field).toBe(field);
      }
    };
    expectBad(() => sanitizeBody({ bodyMarkdown: 'x'.repeat(2 * 1024 * 1024) }), 'bodyMarkdown');
    expectBad(() => sanitizeBody({ bodyHtml: `<p>${'y'.repeat(210 * 1024)}</p>` }), 'bodyHtml');
    expectBad(() => sanitizeBody({ bodyHtml: '<script>alert(1)</script>' }), 'bodyHtml');
    expectBad(() => sanitizeBody({ bodyHtml: '<p>a</p>', bodyMarkdown: 'a' }), 'bodyHtml');
    // A raw NUL (java\0script:) cannot be stored and is refused outright, with a clear message.
    expectBad(() => sanitizeBody({ bodyHtml: '<a href="java\u0000script:alert(1)">x</a>' }), 'bodyHtml');
    expectBad(() => validateTitle('   '), 'title');
    expectBad(() => validateTitle('t'.repeat(201)), 'title');
    expectBad(() => normaliseTags(Array.from({ length: 11 }, (_, i) => `t${i}`)), 'tags');
    expect(normaliseTags(['#Strategie', 'strategie', ' Café '])).toEqual(['strategie', 'café']);
  });

  it('turns a tag with spaces or punctuation into one tag instead of refusing it', () => {
    expect(normaliseTags(['cao onderhandelingen', '  Cao   Onderhandelingen ', 'R&D / innovatie', '#team_uitje!', 'cao-onderhandelingen'])).toEqual([
      'cao-onderhandelingen',
      'r-d-innovatie',
      'team_uitje',
    ]);
    expect(normaliseTags(['', '   '])).toEqual([]);
    // Nothing left of it, or too long: refused, with the field named.
    expect(() => normaliseTags(['!!!'])).toThrow(/not a tag/);
    expect(() => normaliseTags(['a'.repeat(51)])).toThrow(/not a tag/);
  });
});

describe('revision diff', () => {
  it('returns hunks of equal, removed and added lines', () => {
    const a = linesOf('<p>een</p><p>twee</p><p>drie</p>');
    const b = linesOf('<p>een</p><p>TWEE</p><p>drie</p><p>vier</p>');
    expect(diffLines(a, b)).toEqual([
      { op: 'EQUAL', lines: ['<p>een</p>'] },
      { op: 'REMOVED', lines: ['<p>twee</p>'] },
      { op: 'ADDED', lines: ['<p>TWEE</p>'] },
      { op: 'EQUAL', lines: ['<p>drie</p>'] },
      { op: 'ADDED', lines: ['<p>vier</p>'] },
    ]);
    expect(diffLines([], ['<p>x</p>'])).toEqual([{ op: 'ADDED', lines: ['<p>x</p>'] }]);
    expect(diffLines(['a', 'b', 'c'], ['a', 'c'])).toEqual([
      { op: 'EQUAL', lines: ['a'] },
      { op: 'REMOVED', lines: ['b'] },
      { op: 'EQUAL', lines: ['c'] },
    ]);
  });
});

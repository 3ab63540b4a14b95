import { describe, expect, it } from '@jest/globals';
import { bandKeys, normaliseText, signatureOf, similarity } from './minhash.js';

const CAMPAIGN = 'Trots op ons nieuwe 5G-netwerk: vanaf vandaag in heel Nederland het snelste mobiele internet! #trots https://plein.example/5g';

describe('minhash', () => {
  it('normalises away case, accents, links, mentions, hashtags and punctuation', () => {
    expect(normaliseText('Héél   TROTS!! @demo.hr kijk: https://x.nl/a #5G op www.kpn.com nu')).toEqual(['heel', 'trots', 'kijk', 'op', 'nu']);
  });

  it('scores a copy as identical and a personalised copy as similar, an unrelated text as different', () => {
    const base = signatureOf(normaliseText(CAMPAIGN))!;
    const copy = signatureOf(normaliseText(`${CAMPAIGN.toUpperCase()} #werkenbij @demo.ceo`))!;
    const personal = signatureOf(normaliseText(`Trots op ons nieuwe 5G-netwerk: vanaf vandaag in heel Nederland het snelste mobiele internet! Mijn team heeft hier twee jaar aan gewerkt.`))!;
    const other = signatureOf(normaliseText('De kantine is morgen gesloten wegens onderhoud aan de keuken, neem zelf lunch mee'))!;
    expect(similarity(base, copy)).toBe(1);
    expect(similarity(base, personal)).toBeGreaterThan(0.4);
    expect(similarity(base, other)).toBeLessThan(0.2);
    expect(bandKeys(base)).toEqual(bandKeys(copy));
    expect(bandKeys(base).filter((k) => !bandKeys(other).includes(k))).toHaveLength(8);
  });

  it('does not judge short texts', () => {
    expect(signatureOf(normaliseText('Gefeliciteerd allemaal!'))).toBeNull();
  });
});

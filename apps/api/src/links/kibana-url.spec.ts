import { buildKibanaUrl, encodeUrlPart, kibanaQuery, kqlValue } from './kibana-url';

describe('kqlValue', () => {
  it.each([
    ['ingress', 'ingress'],
    ['my.service-1', 'my.service-1'],
    ['two words', '"two words"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['AND', '"AND"'],
    ['x:y', '"x:y"'],
    ['*', '"*"'],
  ])('writes %s as %s', (value, expected) => {
    expect(kqlValue(value)).toBe(expected);
  });
});

describe('encodeUrlPart', () => {
  it("encodes Rison's characters too", () => {
    expect(encodeUrlPart("a!'()* b")).toBe('a%21%27%28%29%2A%20b');
  });
});

describe('kibanaQuery', () => {
  it('adds the service clause on the configured field', () => {
    expect(kibanaQuery({ requestId: 'abc', service: 'puptoo', serviceField: 'app' })).toBe(
      'request_id:abc AND app:puptoo',
    );
    expect(kibanaQuery({ requestId: 'abc', serviceField: 'app' })).toBe('request_id:abc');
  });
});

describe('buildKibanaUrl', () => {
  const parts = {
    baseUrl: 'https://kibana.example.com//',
    index: 'idx',
    serviceField: 'app',
    requestId: 'abc',
  };

  it('uses the last 24 hours without a known span', () => {
    expect(buildKibanaUrl({ ...parts, span: null })).toBe(
      "https://kibana.example.com/app/discover#/?_g=(time:(from:now-24h,to:now))&_a=(index:'idx',query:(language:kuery,query:'request_id%3Aabc'))",
    );
  });

  it('widens the span by an hour on each side, keeping microseconds', () => {
    const sut = buildKibanaUrl({
      ...parts,
      span: { first: 1_795_000_000_123_456n, last: 1_795_000_100_000_000n },
    });
    expect(sut).toContain(
      "_g=(time:(from:'2026-11-18T10%3A06%3A40.123456Z',to:'2026-11-18T12%3A08%3A20.000000Z'))",
    );
  });

  it('escapes quotes and bangs for Rison before encoding', () => {
    const sut = buildKibanaUrl({ ...parts, index: "it's!", span: null });
    expect(decodeURIComponent(sut)).toContain("index:'it!'s!!'");
  });
});

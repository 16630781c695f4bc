import { buildKibanaUrl, discoverRoute, encodeUrlPart, kibanaQuery, kqlValue } from './kibana-url';

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

describe('discoverRoute', () => {
  it.each([
    // The Kibana base URL, as this edition documents KIBANA_URL.
    ['https://kibana.example.com', 'https://kibana.example.com/app/discover#/'],
    ['https://kibana.example.com//', 'https://kibana.example.com/app/discover#/'],
    [
      'https://kibana.example.com/s/platform',
      'https://kibana.example.com/s/platform/app/discover#/',
    ],
    // The Go edition's deployed value: the legacy Discover URL, used as it is.
    [
      'https://kibana.example.com/app/kibana#/discover',
      'https://kibana.example.com/app/kibana#/discover',
    ],
    [
      'https://kibana.example.com/app/kibana#/discover?_g=()',
      'https://kibana.example.com/app/kibana#/discover',
    ],
    ['https://kibana.example.com/app/kibana', 'https://kibana.example.com/app/kibana#/discover'],
    // Discover of Kibana 7.10 and later, with or without its hash route.
    ['https://kibana.example.com/app/discover', 'https://kibana.example.com/app/discover#/'],
    ['https://kibana.example.com/app/discover/', 'https://kibana.example.com/app/discover#/'],
    ['https://kibana.example.com/app/discover#/', 'https://kibana.example.com/app/discover#/'],
    ['https://kibana.example.com/app/discover#', 'https://kibana.example.com/app/discover#/'],
  ])('opens Discover of %s at %s', (kibanaUrl, expected) => {
    expect(discoverRoute(kibanaUrl)).toBe(expected);
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

  it("makes a working link from the Go edition's Discover URL, not …#/discover/app/discover#/…", () => {
    const sut = buildKibanaUrl({
      ...parts,
      baseUrl: 'https://kibana.example.com/app/kibana#/discover',
      span: null,
    });

    expect(sut).toBe(
      "https://kibana.example.com/app/kibana#/discover?_g=(time:(from:now-24h,to:now))&_a=(index:'idx',query:(language:kuery,query:'request_id%3Aabc'))",
    );
  });

  it('puts the same search after the base URL and after the Discover URL', () => {
    const span = { first: 1_795_000_000_123_456n, last: 1_795_000_100_000_000n };
    const fromBase = buildKibanaUrl({ ...parts, baseUrl: 'https://kibana.example.com', span });
    const fromDiscover = buildKibanaUrl({
      ...parts,
      baseUrl: 'https://kibana.example.com/app/kibana#/discover',
      span,
    });

    expect(fromBase.split('?')[1]).toBe(fromDiscover.split('?')[1]);
    expect(fromBase.split('?')[0]).toBe('https://kibana.example.com/app/discover#/');
    expect(fromDiscover.split('?')[0]).toBe('https://kibana.example.com/app/kibana#/discover');
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

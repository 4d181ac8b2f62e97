import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIPv4 } from 'node:net';
import { HostnameError, hostnameProblem, isIPv4Literal, splitHostnames, subjectAltNames } from '../../../src/pki/hostnames';
import { randomText, seededRandom } from '../seeded-random';

test('accepts RFC 1123 names, a leading wildcard label and IP literals', () => {
  for (const host of [
    'kuma-control-plane.kuma-system',
    'kuma-control-plane.kuma-system.svc',
    'localhost',
    '*.example.com',
    'a1.b-2.c',
    '10.0.0.1',
    '::1',
    'fe80::1',
    '::ffff:192.0.2.1',
    `${'a'.repeat(63)}.com`,
  ]) {
    assert.equal(hostnameProblem(host), undefined, host);
  }
});

test('rejects bad names and says which value and why', () => {
  const cases: [string, RegExp][] = [
    ['', /empty hostname/],
    ['example.com.', /"example\.com\." ends with a dot/],
    ['a\nb.com', /"a\\nb\.com"/],
    [' a.com', /leading or trailing spaces/],
    ['a_b.com', /"a_b\.com": label "a_b" may only contain/],
    ['-a.com', /label "-a"/],
    ['a-.com', /label "a-"/],
    ['a..com', /empty label/],
    ['.a.com', /empty label/],
    ['*', /wildcard|label/],
    ['a.*.com', /wildcard is only allowed as the whole leftmost label/],
    ['f*.com', /wildcard/],
    [`${'a'.repeat(64)}.com`, /longer than 63/],
    [`${'a.'.repeat(127)}com`, /longer than 253/],
    ['256.1.1.1', /"256\.1\.1\.1" is not a valid IPv4 address/],
    ['1.2.3', /not a valid IPv4 address/],
    ['fe80::1%eth0', /zone identifiers/],
    ['host:8080', /not a valid IPv6 address.*port/],
    ['1::2::3', /not a valid IPv6/],
  ];
  for (const [host, message] of cases) {
    const problem = hostnameProblem(host);
    assert.ok(problem !== undefined, `expected a problem for "${host}"`);
    assert.match(problem, message, host);
  }
});

test('splits comma-separated and repeated values like pflag StringSlice', () => {
  assert.deepEqual(splitHostnames(['a.b,c.d', 'e.f', ' g.h , ']), ['a.b', 'c.d', 'e.f', 'g.h']);
  assert.deepEqual(splitHostnames([]), []);
});

test('IP literals become iPAddress SANs with network-order bytes, names become dNSName', () => {
  const sans = subjectAltNames(['a.example', '192.0.2.10', '2001:db8::1', '::ffff:192.0.2.1', '::']);
  assert.deepEqual(sans[0], { kind: 'dns', value: 'a.example' });
  assert.equal(sans[1].kind, 'ip');
  assert.deepEqual([...(sans[1] as { bytes: Buffer }).bytes], [192, 0, 2, 10]);
  assert.equal((sans[2] as { bytes: Buffer }).bytes.toString('hex'), '20010db8000000000000000000000001');
  // IPv4-mapped addresses are written as 4 bytes, as Go's x509 does (net.IP.To4).
  assert.equal((sans[3] as { bytes: Buffer }).bytes.toString('hex'), 'c0000201');
  assert.equal((sans[4] as { bytes: Buffer }).bytes.toString('hex'), '0'.repeat(32));
});

test('no hostname and a bad hostname are HostnameErrors with kumactl-like wording', () => {
  assert.throws(() => subjectAltNames([]), (error: unknown) => error instanceof HostnameError && /at least one hostname must be given/.test(error.message));
  assert.throws(() => subjectAltNames(['ok.com', 'bad_name']), (error: unknown) => error instanceof HostnameError && /invalid hostname "bad_name"/.test(error.message));
});

test('the dotted-quad check answers as net.isIPv4 does, on edge cases and on 20,000 random texts', () => {
  const edges = ['0.0.0.0', '255.255.255.255', '256.0.0.1', '01.2.3.4', '1.2.3', '1.2.3.4.', '1.2.3.4\n', ' 1.2.3.4', '1..2.3', '١.٢.٣.٤'];
  const random = seededRandom(12);
  const parts = ['0', '1', '9', '10', '25', '99', '100', '199', '249', '250', '255', '256', '300', '00', '01', '-1', '1a', ''];
  const noise = ['', '', '', '', '.', ':', ' ', '\n', 'x', '%', '/8'];
  const quadLike = () => {
    const count = 3 + Math.floor(random() * 3);
    const quad = Array.from({ length: count }, () => parts[Math.floor(random() * parts.length)]).join('.');
    return quad + randomText(random, noise, 2);
  };
  const texts = [...edges, ...Array.from({ length: 20_000 }, quadLike)];
  let dottedQuads = 0;
  for (const text of texts) {
    assert.equal(isIPv4Literal(text), isIPv4(text), JSON.stringify(text));
    if (isIPv4(text)) dottedQuads++;
  }
  // The random texts must reach both answers, or the comparison says little.
  assert.ok(dottedQuads > 50, `only ${dottedQuads} texts were dotted quads`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NameError, assertKubernetesName, kubernetesNameProblem, quotedForMessage } from '../../../src/pki/names';

test('namespaces are DNS-1123 labels', () => {
  for (const good of ['kuma-system', 'a', '0ns', 'a'.repeat(63)]) {
    assert.equal(kubernetesNameProblem('namespace', good), undefined, good);
  }
  for (const bad of ['', 'Kuma', 'a.b', '-a', 'a-', 'a_b', 'a'.repeat(64), 'x;touch PWNED;#', 'a\nb: c']) {
    assert.ok(kubernetesNameProblem('namespace', bad) !== undefined, JSON.stringify(bad));
  }
});

test('Secret names are DNS-1123 subdomains', () => {
  for (const good of ['general-tls-certs', 'a.b.c', '0', `${'a'.repeat(63)}.${'b'.repeat(63)}`]) {
    assert.equal(kubernetesNameProblem('secretName', good), undefined, good);
  }
  for (const bad of ['', 'a..b', '.a', 'a.', 'A', 'a b', '${x}', `${'a.'.repeat(127)}ab`]) {
    assert.ok(kubernetesNameProblem('secretName', bad) !== undefined, JSON.stringify(bad));
  }
});

test('Service names are DNS-1035 labels: they start with a letter', () => {
  assert.equal(kubernetesNameProblem('serviceName', 'kuma-control-plane'), undefined);
  for (const bad of ['0cp', 'cp.x', 'Cp', 'cp-']) {
    assert.ok(kubernetesNameProblem('serviceName', bad) !== undefined, bad);
  }
});

test('messages name the field and the rule, with the value bounded and control characters escaped', () => {
  const problem = kubernetesNameProblem('secretName', 'x;touch PWNED;#', '--secret-name');
  assert.equal(problem, '--secret-name: "x;touch PWNED;#" is not a valid Secret name (a DNS-1123 subdomain: at most 253 characters, dot-separated lowercase letters, digits and inner "-")');
  const hostile = `a\nb\u001b[31m\u2028${'z'.repeat(500)}`;
  const message = kubernetesNameProblem('namespace', hostile) ?? '';
  assert.match(message, /^namespace: "a\\nb\\u001b\[31m\\u2028z+…" is not a valid Kubernetes namespace \(a DNS-1123 label/);
  assert.doesNotMatch(message, /[\u0000-\u001f\u2028]/);
  assert.ok(message.length < 200, message);
  assert.equal(quotedForMessage('\u202eevil'), '"\\u202eevil"');
  assert.throws(() => assertKubernetesName('namespace', 'A'), NameError);
});

// secretNamesDefinedIn: the Secret names a set of files defines, which the channel setup avoids
// when it proposes a name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretNamesDefinedIn } from '../../../src/lint/secretNames';

test('manifests and kubectl create secret lines define names; values files only name them', () => {
  const defined = secretNamesDefinedIn([
    { path: '/w/secret.yaml', text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: general-tls-certs\n  namespace: kuma-system\ndata: {}\n' },
    { path: '/w/install.sh', text: 'kubectl create secret generic api-tls -n kuma-system --from-file=tls.crt=tls.crt\nkubectl create secret tls "$NAME" --cert=a --key=b\n' },
    { path: '/w/values.yaml', text: 'controlPlane:\n  tls:\n    general:\n      secretName: named-only\n' },
    { path: '/w/again.yaml', text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: general-tls-certs\ndata: {}\n' },
  ]);
  assert.deepEqual([...defined.keys()].sort(), ['api-tls', 'general-tls-certs']);
  assert.deepEqual(defined.get('general-tls-certs'), ['/w/secret.yaml', '/w/again.yaml']);
});

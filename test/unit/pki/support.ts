// Shared by the PKI and CLI tests: run openssl on generated material, scratch directories.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export function openssl(args: string[], input?: string): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** openssl's exit status and combined output, for checks that are expected to fail. */
export function opensslStatus(args: string[]): { ok: boolean; output: string } {
  try {
    return { ok: true, output: openssl(args) };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

export function certificateText(certPem: string): string {
  return openssl(['x509', '-text', '-noout'], certPem);
}

/** The SubjectPublicKeyInfo PEM as openssl derives it from a certificate and from a private key. */
export function publicKeysOf(certPem: string, keyPem: string): { fromCert: string; fromKey: string } {
  return {
    fromCert: openssl(['x509', '-pubkey', '-noout'], certPem),
    fromKey: openssl(['pkey', '-pubout'], keyPem),
  };
}

/** `openssl verify -CAfile` with both PEMs written to a scratch directory. */
export function opensslVerify(caPem: string, leafPem: string): { ok: boolean; output: string } {
  const dir = scratchDir();
  try {
    writeFileSync(path.join(dir, 'ca.crt'), caPem);
    writeFileSync(path.join(dir, 'leaf.crt'), leafPem);
    return opensslStatus(['verify', '-CAfile', path.join(dir, 'ca.crt'), path.join(dir, 'leaf.crt')]);
  } finally {
    removeDir(dir);
  }
}

export function scratchDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kuma-tls-test-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

// OpenSSL's own verdicts through Node, independent of the project's code (src/pki/issuer.ts, the
// linter's key identity): the oracles generated material is held to.
const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Whether the private key is the certificate's (X509Certificate.checkPrivateKey); unreadable input is no. */
export function keyMatchesCert(certPem: string, keyPem: string): boolean {
  try {
    return new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

/** Whether a CA certificate of `caPem` (a bundle is fine) issued and signed the first certificate of `leafPem` (checkIssued + verify; not dates). */
export function verifies(caPem: string, leafPem: string): boolean {
  const leafBlock = leafPem.match(CERTIFICATE_BLOCK)?.[0];
  if (leafBlock === undefined) return false;
  try {
    const leaf = new X509Certificate(leafBlock);
    return (caPem.match(CERTIFICATE_BLOCK) ?? []).some((block) => {
      const ca = new X509Certificate(block);
      return leaf.checkIssued(ca) && leaf.verify(ca.publicKey);
    });
  } catch {
    return false;
  }
}

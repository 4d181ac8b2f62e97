// Shared by the PKI and CLI tests: run openssl on generated material, scratch directories.
import { execFileSync } from 'node:child_process';
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

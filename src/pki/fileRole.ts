// What a certificate or key file holds, judged from its name alone. kubectl names Secret keys
// after files (`--from-file=ca.crt`), so the same names decide Secret keys too. The linter, the
// hovers and the commands all ask this one function, so a file is never a key to one of them
// and a certificate to another.

/**
 * - `key`: a private key (`tls.key`, `ca-key.pem` as cfssl and Istio write it, `privkey.pem`)
 * - `ca`: one CA certificate (`ca.crt`, `ca-cert.pem`, `root-ca.pem`)
 * - `bundle`: a trust bundle of CA certificates (`*.ca-bundle`, `ca-bundle.crt`, `ca-certificates.crt`, curl's `cacert.pem`)
 * - `certificate`: a certificate, the leaf first (`tls.crt`, `server.cer`)
 * - `crl`: a certificate revocation list (`crl.pem`, `ca.crl`): not a certificate at all
 * - `any`: the name does not say (`server.pem`, `bundle.txt`), or names a public key (`publickey.pem`)
 */
export type FileRole = 'key' | 'ca' | 'bundle' | 'certificate' | 'crl' | 'any';

export function roleOfFileName(name: string): FileRole {
  const base = baseNameOf(name).toLowerCase();
  // Seven expressions per name, and a linter asks for every certificate slot of every file: the
  // same few names (tls.crt, ca.crt, tls.key) come back thousands of times.
  let role = knownRoles.get(base);
  if (role === undefined) {
    role = roleOfBaseName(base);
    if (knownRoles.size >= MAX_KNOWN_ROLES) knownRoles.clear();
    knownRoles.set(base, role);
  }
  return role;
}

const knownRoles = new Map<string, FileRole>();
const MAX_KNOWN_ROLES = 4096;

function roleOfBaseName(base: string): FileRole {
  if (base.endsWith('.crl') || (base.includes('crl') && base.endsWith('.pem'))) return 'crl';
  // A public key (publickey.pem, pubkey.pem, id.pub: token signing keys, Kuma's own test keys)
  // is no private-key slot, whatever else the name says.
  if (/pub(lic)?[-_.]?keys?(?![a-z])/.test(base) || base.endsWith('.pub')) return 'any';
  // "key" as a word or a suffix (privkey.pem), not the start of another word (keycloak.crt).
  if (/keys?(?![a-z])/.test(base)) return 'key';
  if (base.endsWith('.ca-bundle') || /(^|[^a-z])(ca-?bundle|trust-?bundle|ca-certificates|cacert)([^a-z]|$)/.test(base)) return 'bundle';
  if (/^ca[._-]/.test(base) || /^root-?ca[._-]/.test(base) || /[._-]ca\.(crt|cer|pem)$/.test(base)) return 'ca';
  if (/\.(crt|cer)$/.test(base)) return 'certificate';
  return 'any';
}

/** Whether a slot of this role is a trust anchor slot (a CA or a bundle of them). */
export function isCaRole(role: FileRole): role is 'ca' | 'bundle' {
  return role === 'ca' || role === 'bundle';
}

/** The role a file plays in a certificate/key/CA pairing (hovers, sibling files), or null for a CRL. */
export function pairingRoleOf(role: FileRole): 'cert' | 'key' | 'ca' | null {
  return role === 'key' ? 'key' : isCaRole(role) ? 'ca' : role === 'crl' ? null : 'cert';
}

/**
 * Names of the key file that usually sits beside a certificate file, most likely first:
 * `tls.crt` → `tls.key`, `server.pem` → `server-key.pem` (cfssl), `cert.pem` → `key.pem`.
 */
export function siblingKeyNames(certName: string): string[] {
  const name = baseNameOf(certName);
  const candidates = [name.replace(/\.(crt|cer|pem)$/i, '.key'), name.replace(/\.pem$/i, '-key.pem'), name.replace(/cert/i, 'key')];
  return distinctOthers(name, candidates);
}

/** Names of the certificate file that usually sits beside a key file (the reverse of siblingKeyNames). */
export function siblingCertificateNames(keyName: string): string[] {
  const name = baseNameOf(keyName);
  const stem = name.replace(/\.key$/i, '');
  if (stem !== name) return [`${stem}.crt`, `${stem}.pem`];
  const candidates = /\.pem$/i.test(name) ? [name.replace(/-key\.pem$/i, '.pem'), name.replace(/key/i, 'cert')] : [];
  return distinctOthers(name, candidates);
}

function distinctOthers(name: string, candidates: string[]): string[] {
  return [...new Set(candidates)].filter((c) => c !== name);
}

function baseNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

// What X509Certificate does not tell: raw names, key identifiers, key usage bits, criticality.
// Read from the DER with node-forge's ASN.1 parser; callers use it off the hot path.
import { Asn1Node, asn1, derOf, fromBinary, parseDer } from './der';
import { KEY_USAGE_BIT, KeyUsageName, OID } from './oids';

export interface ExtensionFact {
  oid: string;
  critical: boolean;
  /** DER of the extension's value (the content of extnValue). */
  value: Buffer;
}

export interface CertificateStructure {
  version: number;
  serial: Buffer;
  signatureAlgorithm: string;
  issuerDer: Buffer;
  subjectDer: Buffer;
  extensions: ExtensionFact[];
  subjectKeyId?: Buffer;
  authorityKeyId?: Buffer;
  /** Undefined when the certificate has no keyUsage extension. */
  keyUsage?: KeyUsageName[];
  /** Undefined when the certificate has no extKeyUsage extension. */
  extKeyUsage?: string[];
  basicConstraints?: { isCA: boolean; pathLen?: number };
}

export function certificateStructure(der: Buffer): CertificateStructure {
  const certificate = parseDer(der).value as Asn1Node[];
  const tbs = certificate[0].value as Asn1Node[];
  let index = 0;
  let version = 1;
  if (tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC && tbs[0].type === 0) {
    version = integerValue((tbs[0].value as Asn1Node[])[0]) + 1;
    index = 1;
  }
  const serial = fromBinary(tbs[index].value as string);
  const signatureAlgorithm = asn1.derToOid((tbs[index + 1].value as Asn1Node[])[0].value as string);
  const issuerDer = derOf(tbs[index + 2]);
  const subjectDer = derOf(tbs[index + 4]);
  const extensionsWrapper = tbs
    .slice(index + 6)
    .find((node) => node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === 3);
  const extensions = extensionsWrapper === undefined ? [] : readExtensions(extensionsWrapper);
  const structure: CertificateStructure = { version, serial, signatureAlgorithm, issuerDer, subjectDer, extensions };
  for (const extension of extensions) {
    const value = parseDer(extension.value);
    switch (extension.oid) {
      case OID.subjectKeyIdentifier:
        structure.subjectKeyId = fromBinary(value.value as string);
        break;
      case OID.authorityKeyIdentifier: {
        const keyId = (value.value as Asn1Node[]).find((node) => node.type === 0);
        structure.authorityKeyId = keyId === undefined ? undefined : fromBinary(keyId.value as string);
        break;
      }
      case OID.keyUsage:
        structure.keyUsage = keyUsageNames(fromBinary(value.value as string));
        break;
      case OID.extKeyUsage:
        structure.extKeyUsage = (value.value as Asn1Node[]).map((node) => asn1.derToOid(node.value as string));
        break;
      case OID.basicConstraints: {
        const fields = value.value as Asn1Node[];
        const isCA = fields.length > 0 && fields[0].type === asn1.Type.BOOLEAN && fields[0].value !== '\x00';
        const pathLenNode = fields.find((node) => node.type === asn1.Type.INTEGER);
        structure.basicConstraints = {
          isCA,
          ...(pathLenNode === undefined ? {} : { pathLen: integerValue(pathLenNode) }),
        };
        break;
      }
      default:
        break;
    }
  }
  return structure;
}

function readExtensions(wrapper: Asn1Node): ExtensionFact[] {
  const list = (wrapper.value as Asn1Node[])[0].value as Asn1Node[];
  return list.map((node) => {
    const fields = node.value as Asn1Node[];
    const critical = fields.length === 3 && fields[1].value !== '\x00';
    return {
      oid: asn1.derToOid(fields[0].value as string),
      critical,
      value: fromBinary(fields[fields.length - 1].value as string),
    };
  });
}

function keyUsageNames(bitStringContent: Buffer): KeyUsageName[] {
  const bits = bitStringContent.subarray(1);
  return (Object.entries(KEY_USAGE_BIT) as [KeyUsageName, number][])
    .filter(([, bit]) => bit < bits.length * 8 && (bits[Math.floor(bit / 8)] & (0x80 >> bit % 8)) !== 0)
    .map(([name]) => name);
}

function integerValue(node: Asn1Node): number {
  return fromBinary(node.value as string).reduce((value, byte) => value * 256 + byte, 0);
}

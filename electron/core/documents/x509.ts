/**
 * Reading X.509 certificates with PKI.js + asn1js: names (decoded from the bytes the certificate carries, so a
 * Cyrillic UTF8String reads exactly as written), serial, validity, key algorithm and size, fingerprint.
 *
 * PKI.js keeps the original bytes of what it parsed: a certificate's to-be-signed part (`tbsView`) and each
 * distinguished name (`valueBeforeDecode`), so a name copied from a certificate into a CMS signer identifier is
 * written back byte for byte, never re-encoded.
 */
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export class CertificateParseError extends Error {}

const NAME_OIDS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SURNAME',
  '2.5.4.42': 'G',
  '2.5.4.12': 'title',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'SERIALNUMBER',
};

/** Universal tag numbers of the directory string types decoded below. */
const TAG = { utf8: 12, universal: 28, bmp: 30 } as const;

/**
 * Decodes a directory string from its content bytes: UTF8String as UTF-8, BMPString as UCS-2, UniversalString as
 * UCS-4; PrintableString, IA5String, TeletexString and the others as Latin-1 (their byte values).
 */
export function directoryString(value: asn1js.BaseBlock): string {
  // the content bytes: the whole TLV as parsed, less its identifier and length octets
  const tlv = Buffer.from(value.valueBeforeDecodeView);
  const b = tlv.subarray(value.idBlock.blockLength + value.lenBlock.blockLength);
  if (value.idBlock.isConstructed) throw new CertificateParseError('constructed strings are not DER');
  switch (value.idBlock.tagClass === 1 ? value.idBlock.tagNumber : -1) {
    case TAG.utf8:
      return b.toString('utf8');
    case TAG.bmp: {
      let s = '';
      for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b.readUInt16BE(i));
      return s;
    }
    case TAG.universal: {
      let s = '';
      for (let i = 0; i + 3 < b.length; i += 4) s += String.fromCodePoint(b.readUInt32BE(i));
      return s;
    }
    default:
      return b.toString('latin1');
  }
}

/** A Name as attribute short name (CN, O, title …; else the OID) → its first value. */
export function nameOf(name: pkijs.RelativeDistinguishedNames): Record<string, string> {
  const out: Record<string, string> = {};
  for (const atv of name.typesAndValues) {
    const key = NAME_OIDS[atv.type] ?? atv.type;
    if (!(key in out)) out[key] = directoryString(atv.value);
  }
  return out;
}

/** The DER bytes of a parsed Name exactly as they were in the certificate. */
export function nameBytes(name: pkijs.RelativeDistinguishedNames): Buffer {
  return Buffer.from(name.valueBeforeDecode);
}

/** An INTEGER's content bytes as lower-case hex (leading zero bytes kept, as the certificate has them). */
export function integerHex(n: asn1js.Integer): string {
  return Buffer.from(n.valueBlock.valueHexView).toString('hex').toLowerCase();
}

/** The same without leading zero bytes (the number itself, as a signature's signer identifier compares it). */
export function serialNumberHex(n: asn1js.Integer): string {
  const b = Buffer.from(n.valueBlock.valueHexView);
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i).toString('hex').toLowerCase();
}

export interface CertificateInfo {
  /** the certificate's DER exactly as given */
  der: Buffer;
  cert: pkijs.Certificate;
  /** SHA-256 of `der`, hex */
  sha256: string;
  /** the serial number's content bytes, hex (leading zero byte kept) */
  serialRawHex: string;
  /** the serial number as a number, hex (no leading zeros) */
  serialHex: string;
  subject: Record<string, string>;
  issuer: Record<string, string>;
  notBefore: Date | null;
  notAfter: Date | null;
  /** the issuer Name is byte for byte the subject Name */
  selfSigned: boolean;
  /** the subject public key's algorithm OID */
  keyAlgorithmOid: string;
}

function timeOf(t: pkijs.Time): Date | null {
  const ms = t.value.getTime();
  return Number.isFinite(ms) ? t.value : null;
}

/** Parses a DER certificate. Throws `CertificateParseError` when it is not one. */
export function readCertificate(der: Uint8Array): CertificateInfo {
  const bytes = Buffer.from(der);
  const asn = asn1js.fromBER(new Uint8Array(bytes));
  if (asn.offset === -1) throw new CertificateParseError('not DER');
  let cert: pkijs.Certificate;
  try {
    cert = new pkijs.Certificate({ schema: asn.result });
  } catch {
    throw new CertificateParseError('not an X.509 certificate');
  }
  return certificateInfo(cert, bytes.subarray(0, asn.offset));
}

/** What a certificate PKI.js has already parsed says; `der` is its encoding exactly as it was read. */
export function certificateInfo(cert: pkijs.Certificate, der: Uint8Array): CertificateInfo {
  const exact = Buffer.from(der);
  return {
    der: exact,
    cert,
    sha256: crypto.createHash('sha256').update(exact).digest('hex'),
    serialRawHex: integerHex(cert.serialNumber),
    serialHex: serialNumberHex(cert.serialNumber),
    subject: nameOf(cert.subject),
    issuer: nameOf(cert.issuer),
    notBefore: timeOf(cert.notBefore),
    notAfter: timeOf(cert.notAfter),
    selfSigned: nameBytes(cert.issuer).equals(nameBytes(cert.subject)),
    keyAlgorithmOid: cert.subjectPublicKeyInfo.algorithm.algorithmId,
  };
}

/** The RSA modulus length in bits of a certificate's key (0 for other key types). */
export function rsaKeyBits(cert: pkijs.Certificate): number {
  if (cert.subjectPublicKeyInfo.algorithm.algorithmId !== '1.2.840.113549.1.1.1') return 0;
  try {
    const spki = Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER());
    const key = crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
    return key.asymmetricKeyDetails?.modulusLength ?? 0;
  } catch {
    return 0;
  }
}

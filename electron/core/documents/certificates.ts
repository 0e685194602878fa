/**
 * Signing certificates: load a PKCS#12 (.p12/.pfx) with its password, create the school's own certificate
 * (RSA 3072, Cyrillic name and position), and read what a certificate says (names decoded for display).
 *
 * node-forge keeps UTF8String attribute values of a parsed certificate as raw UTF-8 bytes but encodes them again
 * when it writes a distinguished name (e.g. the issuer in a forge-built PKCS#7 signer info): Cyrillic names would
 * be double-encoded and the signer would no longer match its certificate. `loadP12` therefore decodes those values
 * right after parsing (`decodeDnForForge`), and the CMS itself (cms.ts) copies the issuer and serial bytes
 * straight from the certificate.
 */
import crypto from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../errors';

/** What the app shows and stores about a certificate (no private material). */
export interface CertificateDetails {
  subjectName: string;
  /** the subject's title (position), '' when the certificate has none */
  position: string;
  organization: string;
  issuerName: string;
  /** certificate serial number, lower-case hex */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the certificate's DER, hex */
  fingerprintSha256: string;
  keyBits: number;
  selfSigned: boolean;
}

export interface LoadedP12 {
  /** the private key, PKCS#8 PEM (for Node's crypto) */
  privateKeyPem: string;
  /** the signer's certificate with its DN values decoded for forge (see the module note) */
  certificate: forge.pki.Certificate;
  /** the other certificates in the file (CA chain) */
  chain: forge.pki.Certificate[];
  details: CertificateDetails;
}

const OID_NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.10045.2.1': 'ECDSA',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
};

/** A name for a key algorithm OID: RSA, ECDSA, GOST (Kazakh ГОСТ 34.310 or Russian ГОСТ Р 34.10) … */
export function keyAlgorithmName(oid: string): string {
  if (OID_NAMES[oid]) return OID_NAMES[oid];
  if (oid.startsWith('1.2.398.3.10.1.1') || oid.startsWith('1.2.643.')) return 'GOST';
  return 'unknown';
}

function algorithmOidOf(asn: forge.asn1.Asn1 | undefined, kind: 'key' | 'cert'): string | null {
  try {
    if (!asn || !Array.isArray(asn.value)) return null;
    if (kind === 'key') {
      // PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, privateKey }
      const alg = asn.value[1] as forge.asn1.Asn1;
      return forge.asn1.derToOid((alg.value as forge.asn1.Asn1[])[0]!.value as string);
    }
    // Certificate ::= SEQUENCE { tbs, sigAlg, sig }; tbs has [0] version, serial, sig, issuer, validity, subject, spki
    const tbs = asn.value[0] as forge.asn1.Asn1;
    const fields = tbs.value as forge.asn1.Asn1[];
    const offset = fields[0]!.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
    const spki = fields[5 + offset] as forge.asn1.Asn1;
    const alg = (spki.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1;
    return forge.asn1.derToOid((alg.value as forge.asn1.Asn1[])[0]!.value as string);
  } catch {
    return null;
  }
}

function unsupported(oid: string | null): AppError {
  return new AppError('documents.unsupported_key_type', 'only RSA keys can sign here', {
    algorithm: oid ? keyAlgorithmName(oid) : 'unknown',
  });
}

type Attr = { type?: string; value?: unknown; valueTagClass?: number; shortName?: string; name?: string };

/** Decodes a DN attribute value for display (UTF8String, BMPString, others as Latin-1/ASCII). */
export function attrText(a: Attr): string {
  const v = typeof a.value === 'string' ? a.value : '';
  if (a.valueTagClass === forge.asn1.Type.UTF8) return Buffer.from(v, 'binary').toString('utf8');
  if (a.valueTagClass === forge.asn1.Type.BMPSTRING) {
    const b = Buffer.from(v, 'binary');
    let s = '';
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b.readUInt16BE(i));
    return s;
  }
  return v;
}

/** Makes forge's in-memory UTF8String values text again so that forge encodes them once, not twice. */
export function decodeDnForForge(cert: forge.pki.Certificate): void {
  for (const group of [cert.subject.attributes, cert.issuer.attributes] as Attr[][]) {
    for (const a of group) {
      if (a.valueTagClass === forge.asn1.Type.UTF8 && typeof a.value === 'string') {
        a.value = Buffer.from(a.value, 'binary').toString('utf8');
      }
    }
  }
}

function pick(attrs: Attr[], ...names: string[]): string {
  for (const n of names) {
    const a = attrs.find((x) => x.shortName === n || x.name === n || x.type === n);
    if (a) return attrText(a);
  }
  return '';
}

/**
 * Details of a certificate as parsed by forge *before* `decodeDnForForge` (values are raw bytes then).
 */
function detailsOf(cert: forge.pki.Certificate, rawAttrs = true): CertificateDetails {
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const sub = cert.subject.attributes as Attr[];
  const iss = cert.issuer.attributes as Attr[];
  const text = (attrs: Attr[], ...names: string[]) => {
    if (rawAttrs) return pick(attrs, ...names);
    const a = attrs.find((x) => names.some((n) => x.shortName === n || x.name === n));
    return typeof a?.value === 'string' ? a.value : '';
  };
  const pub = cert.publicKey as forge.pki.rsa.PublicKey;
  return {
    subjectName: text(sub, 'CN', 'commonName') || text(sub, 'O', 'organizationName'),
    position: text(sub, 'title', '2.5.4.12'),
    organization: text(sub, 'O', 'organizationName'),
    issuerName: text(iss, 'CN', 'commonName') || text(iss, 'O', 'organizationName'),
    serialHex: cert.serialNumber.toLowerCase(),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    fingerprintSha256: crypto.createHash('sha256').update(der).digest('hex'),
    keyBits: pub.n.bitLength(),
    selfSigned: der.length > 0 && cert.isIssuer(cert),
  };
}

const MAC_FAILED = /MAC could not be verified|Invalid password/i;
const DECRYPT_FAILED = /decrypt|wrong password/i;

/**
 * forge derives PKCS#12 MAC and legacy PBE keys from the password as BMPString (right for any letters), but feeds
 * the JavaScript string itself to PBKDF2 for PBES2/AES, where RFC 8018 and openssl use the UTF-8 bytes: a
 * Cyrillic password then fails on an openssl-made file. When the MAC has proved the password and only the PBES2
 * decryption fails, the file is opened again without its (already verified) MAC and with the UTF-8 bytes.
 */
function openPfx(asn: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn, false, password);
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    if (MAC_FAILED.test(msg)) throw new AppError('documents.wrong_p12_password', 'wrong password for the PKCS#12 file');
    if (!DECRYPT_FAILED.test(msg)) throw new AppError('documents.bad_p12', 'the PKCS#12 file cannot be read');
    const hasMac = Array.isArray(asn.value) && asn.value.length > 2;
    if (!/[^\x00-\x7f]/.test(password) || !hasMac) {
      throw new AppError('documents.wrong_p12_password', 'wrong password for the PKCS#12 file');
    }
  }
  const withoutMac = { ...asn, value: (asn.value as forge.asn1.Asn1[]).slice(0, 2) } as forge.asn1.Asn1;
  try {
    return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, Buffer.from(password, 'utf8').toString('binary'));
  } catch {
    throw new AppError('documents.wrong_p12_password', 'wrong password for the PKCS#12 file');
  }
}

/**
 * Opens a PKCS#12 file. Errors: `documents.bad_p12` (not a PKCS#12), `documents.wrong_p12_password`,
 * `documents.unsupported_key_type` (ECDSA, GOST … — only RSA signs here), `documents.no_certificate`.
 */
export function loadP12(bytes: Uint8Array, password: string): LoadedP12 {
  let asn: forge.asn1.Asn1;
  try {
    asn = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')), {
      strict: false,
      parseAllBytes: false,
    } as unknown as boolean);
  } catch {
    throw new AppError('documents.bad_p12', 'the file is not a PKCS#12 container');
  }
  const p12 = openPfx(asn, password);
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag!] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag!] ?? [];
  if (keyBags.length === 0) throw new AppError('documents.no_certificate', 'the file holds no private key');
  const keyBag = keyBags[0]!;
  if (!keyBag.key) throw unsupported(algorithmOidOf((keyBag as { asn1?: forge.asn1.Asn1 }).asn1, 'key'));
  const key = keyBag.key;
  if (!key.n || !key.e) throw unsupported(null);
  const certs: forge.pki.Certificate[] = [];
  for (const bag of certBags) {
    if (bag.cert) certs.push(bag.cert);
  }
  const signer = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.compareTo(key.n) === 0 && pub.e?.compareTo(key.e) === 0;
  });
  if (!signer) {
    const foreign = certBags.find((b) => !b.cert);
    if (foreign) throw unsupported(algorithmOidOf((foreign as { asn1?: forge.asn1.Asn1 }).asn1, 'cert'));
    throw new AppError('documents.no_certificate', 'no certificate matches the private key');
  }
  const details = detailsOf(signer);
  for (const c of certs) decodeDnForForge(c);
  const privateKeyPem = forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key)));
  return { privateKeyPem, certificate: signer, chain: certs.filter((c) => c !== signer), details };
}

/** Refuses an expired (or not yet valid) certificate: `documents.certificate_expired`. */
export function assertCertificateUsable(details: Pick<CertificateDetails, 'notBefore' | 'notAfter'>, now: Date): void {
  if (now.getTime() > details.notAfter.getTime() || now.getTime() < details.notBefore.getTime()) {
    throw new AppError('documents.certificate_expired', 'the certificate is expired or not yet valid', {
      notAfter: details.notAfter.toISOString(),
    });
  }
}

export interface NewCertificateInput {
  /** the holder's full name, e.g. "Қаншев Марат Серікұлы" */
  commonName: string;
  /** position, e.g. "№96 мектеп директоры" */
  position: string;
  /** the school */
  organization: string;
  /** the password that will protect the key (asked at each signature) */
  password: string;
  now: Date;
  /** validity in years (default 3) */
  validYears?: number;
  /** RSA modulus length, at least 3072 */
  bits?: number;
}

/**
 * Creates the school's own self-signed certificate: RSA ≥ 3072 generated by Node's crypto, UTF8String
 * Cyrillic name/position/organisation, key usage digitalSignature + nonRepudiation, packed as PKCS#12
 * (3DES PKCS#12 PBE, the given password; readable by openssl and other tools with any password).
 */
export function createSchoolCertificate(input: NewCertificateInput): { p12: Buffer; details: CertificateDetails } {
  const bits = Math.max(3072, input.bits ?? 3072);
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(pem);
  const publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  const serial = crypto.randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = new Date(input.now.getTime() - 60_000);
  const until = new Date(input.now.getTime());
  until.setFullYear(until.getFullYear() + (input.validYears ?? 3));
  cert.validity.notAfter = until;
  const UTF8 = forge.asn1.Type.UTF8;
  const attrs = [
    { shortName: 'CN', value: input.commonName, valueTagClass: UTF8 },
    ...(input.position ? [{ name: 'title', value: input.position, valueTagClass: UTF8 }] : []),
    ...(input.organization ? [{ shortName: 'O', value: input.organization, valueTagClass: UTF8 }] : []),
    { shortName: 'C', value: 'KZ' },
  ];
  cert.setSubject(attrs as forge.pki.CertificateField[]);
  cert.setIssuer(attrs as forge.pki.CertificateField[]);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], input.password, {
    // legacy PKCS#12 PBE (3DES): forge derives its key from the password as BMPString like every other tool, so
    // a Cyrillic password opens the file in openssl too (forge's PBES2 would use the wrong password bytes)
    algorithm: '3des',
    friendlyName: 'Qorgan',
    generateLocalKeyId: true,
  });
  const p12 = Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary');
  // the in-memory cert holds decoded text: read details from a parsed copy to keep one code path
  const parsed = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.asn1.toDer(forge.pki.certificateToAsn1(cert))));
  return { p12, details: detailsOf(parsed) };
}

/**
 * Two spellings of a holder's name are the same name: Unicode NFC, letter case and runs of spaces aside
 * ("ҚАНШЕВ  МАРАТ" = "Қаншев Марат"). Nothing else is forgiven: initials, a missing patronymic or another order
 * are a different name.
 */
export function sameHolderName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) !== '' && norm(a) === norm(b);
}

/** Details of a certificate given as DER (e.g. from a signature). Non-RSA certificates are read too. */
export function certificateDetailsFromDer(der: Buffer): CertificateDetails {
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
  return detailsOf(cert);
}

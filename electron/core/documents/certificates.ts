/**
 * Signing certificates: load a PKCS#12 (.p12/.pfx) with its password, create the school's own certificate
 * (RSA 3072, Cyrillic name and position), and read what a certificate says (names decoded for display).
 *
 * Certificates are read and made with PKI.js + asn1js (x509.ts) and handed around as DER. node-forge stays for
 * one job only, the PKCS#12 container, for a measured reason: PKI.js 4.0.0 cannot decrypt the legacy PKCS#12
 * PBE bags that NCALayer and `openssl pkcs12 -export -legacy` write (pbeWithSHAAnd40BitRC2-CBC for the
 * certificates, pbeWithSHAAnd3-KeyTripleDES-CBC for the key: "Unknown contentEncryptionAlgorithm
 * 1.2.840.113549.1.12.1.6"), while it does open openssl 3's default (PBES2, AES-256-CBC); forge opens both, and
 * writes the 3DES form that every tool reads (tests/unit/documents/certificates.test.ts and pkcs12.test.ts).
 * No certificate passes through forge's DN encoder: the DER of a loaded certificate is forge's re-serialisation
 * of the bytes it parsed (its cached tbsCertificate), checked equal to the original by PKI.js when it signs.
 */
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { AppError } from '../errors';
import { readCertificate, rsaKeyBits } from './x509';

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
  /** the signer's certificate, DER */
  certificate: Buffer;
  /** the other certificates in the file (CA chain), DER */
  chain: Buffer[];
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

/** What a DER certificate says, for display and storage. Throws when it is not a certificate. */
function detailsOf(der: Buffer): CertificateDetails {
  const info = readCertificate(der);
  if (!info.notBefore || !info.notAfter) throw new Error('certificate without a validity period');
  return {
    subjectName: info.subject.CN || info.subject.O || '',
    position: info.subject.title ?? '',
    organization: info.subject.O ?? '',
    issuerName: info.issuer.CN || info.issuer.O || '',
    // the serial's content bytes as the certificate has them (a leading 00 kept), as stored since the first release
    serialHex: info.serialRawHex,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    fingerprintSha256: info.sha256,
    keyBits: rsaKeyBits(info.cert),
    selfSigned: info.selfSigned,
  };
}

const forgeDer = (c: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');

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
  const certificate = forgeDer(signer);
  let details: CertificateDetails;
  try {
    details = detailsOf(certificate);
  } catch {
    throw new AppError('documents.bad_p12', 'the certificate in the PKCS#12 file cannot be read');
  }
  const privateKeyPem = forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key)));
  return { privateKeyPem, certificate, chain: certs.filter((c) => c !== signer).map(forgeDer), details };
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

const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const OID_EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';

/**
 * A distinguished name with one attribute per RDN, in the given order, each value a UTF8String (PrintableString
 * for the country code, as RFC 5280 requires). Built with asn1js, then parsed back so that PKI.js keeps these
 * exact bytes (`valueBeforeDecode`): PKI.js's own Name encoder would put every attribute into one multi-valued RDN.
 */
function utf8Name(attrs: readonly (readonly [oid: string, value: string])[]): pkijs.RelativeDistinguishedNames {
  const seq = new asn1js.Sequence({
    value: attrs.map(
      ([type, value]) =>
        new asn1js.Set({
          value: [
            new asn1js.Sequence({
              value: [
                new asn1js.ObjectIdentifier({ value: type }),
                type === '2.5.4.6' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
              ],
            }),
          ],
        }),
    ),
  });
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(seq.toBER()).result });
}

const extension = (extnID: string, critical: boolean, value: asn1js.BaseBlock) =>
  new pkijs.Extension({ extnID, critical, extnValue: value.toBER() });

/**
 * Creates the school's own self-signed certificate: RSA ≥ 3072 generated by Node's crypto, the certificate built
 * by PKI.js (UTF8String Cyrillic name/position/organisation, key usage digitalSignature + nonRepudiation,
 * SHA-256 with RSA signed by Node's crypto), packed as PKCS#12 by node-forge (3DES PKCS#12 PBE, the given
 * password; readable by openssl and other tools with any password; see the module note).
 */
export function createSchoolCertificate(input: NewCertificateInput): { p12: Buffer; details: CertificateDetails } {
  const bits = Math.max(3072, input.bits ?? 3072);
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  const serial = crypto.randomBytes(16);
  // positive and 16 bytes long (no leading zero to strip)
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  const notBefore = new Date(Math.floor((input.now.getTime() - 60_000) / 1000) * 1000);
  const notAfter = new Date(Math.floor(input.now.getTime() / 1000) * 1000);
  notAfter.setFullYear(notAfter.getFullYear() + (input.validYears ?? 3));
  const name = () =>
    utf8Name([
      ['2.5.4.3', input.commonName],
      ...(input.position ? ([['2.5.4.12', input.position]] as const) : []),
      ...(input.organization ? ([['2.5.4.10', input.organization]] as const) : []),
      ['2.5.4.6', 'KZ'],
    ]);
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  cert.issuer = name();
  cert.subject = name();
  // UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)
  const time = (d: Date) => new pkijs.Time({ type: d.getUTCFullYear() < 2050 ? pkijs.TimeType.UTCTime : pkijs.TimeType.GeneralizedTime, value: d });
  cert.notBefore = time(notBefore);
  cert.notAfter = time(notAfter);
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(spki);
  // RFC 5280 §4.2.1.2 (1): the SHA-1 of the subjectPublicKey BIT STRING's value
  const keyId = crypto.createHash('sha1').update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  cert.extensions = [
    extension('2.5.29.19', true, new pkijs.BasicConstraints({ cA: false }).toSchema()),
    // KeyUsage BIT STRING: digitalSignature (0) and nonRepudiation (1) → 11000000, six unused bits
    extension('2.5.29.15', true, new asn1js.BitString({ valueHex: new Uint8Array([0xc0]), unusedBits: 6 })),
    extension('2.5.29.37', false, new pkijs.ExtKeyUsage({ keyPurposes: [OID_EMAIL_PROTECTION] }).toSchema()),
    extension('2.5.29.14', false, new asn1js.OctetString({ valueHex: keyId })),
  ];
  const rsaSha256 = () => new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256_WITH_RSA, algorithmParams: new asn1js.Null() });
  cert.signature = rsaSha256();
  cert.signatureAlgorithm = rsaSha256();
  const tbs = Buffer.from(cert.encodeTBS().toBER());
  cert.tbsView = new Uint8Array(tbs);
  cert.signatureValue = new asn1js.BitString({ valueHex: crypto.sign('sha256', tbs, privateKey) });
  const der = Buffer.from(cert.toSchema().toBER());
  // PKCS#12 by forge (see the module note): forge serialises a certificate it parsed from its cached bytes
  const forgeCert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
  if (!forgeDer(forgeCert).equals(der)) throw new Error('the certificate does not survive the PKCS#12 packing');
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(key, [forgeCert], input.password, {
    // legacy PKCS#12 PBE (3DES): forge derives its key from the password as BMPString like every other tool, so
    // a Cyrillic password opens the file in openssl too (forge's PBES2 would use the wrong password bytes)
    algorithm: '3des',
    friendlyName: 'Qorgan',
    generateLocalKeyId: true,
  });
  const p12 = Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary');
  return { p12, details: detailsOf(der) };
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

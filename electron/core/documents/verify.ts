/**
 * Checks the signatures inside any PDF bytes: for each /ByteRange, whether the signed bytes still hash to the
 * signed digest, whether the RSA/ECDSA signature over the signed attributes holds with the embedded certificate,
 * who signed (names decoded: UTF8String, BMPString …), when (the CMS signing-time, else the dictionary's /M as
 * PAdES has it), and whether the signature covers the whole file.
 * Never throws for bad input: a malformed signature is reported as such.
 *
 * The CMS (ContentInfo, SignedData, SignerInfo, attributes, certificates) is parsed by PKI.js + asn1js; the
 * digest and the signature are checked with Node's crypto (OpenSSL), synchronously, over the exact bytes PKI.js
 * kept: the signed attributes as they were encoded (re-tagged as a SET), the certificate as embedded.
 */
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './cades';
import { findSignatureByteRanges } from './pdf-structure';
import { certificateInfo, nameBytes, serialNumberHex, type CertificateInfo } from './x509';

export type SignatureProblem = 'digest_mismatch' | 'bad_signature' | 'unsupported_algorithm' | 'no_certificate' | 'malformed' | null;

export interface SignatureCheck {
  /** 1-based, in file order */
  index: number;
  intact: boolean;
  problem: SignatureProblem;
  /** the signature covers every byte of the file (no change after it) */
  coversWholeDocument: boolean;
  signerName: string;
  position: string;
  organization: string;
  issuerName: string;
  serialHex: string;
  signingTime: Date | null;
  certificateNotBefore: Date | null;
  certificateNotAfter: Date | null;
  /** the certificate was within its validity at the signing time (null when unknown) */
  certificateValidAtSigning: boolean | null;
  keyAlgorithm: string;
  /** SHA-256 (hex) of the signer certificate's DER exactly as embedded in the signature; '' when none */
  certificateSha256: string;
  /** the certificate's issuer name is its subject name (a self-made certificate, not issued by a CA) */
  certificateSelfSigned: boolean;
  /**
   * The signed ESS signing-certificate-v2 attribute (RFC 5035) against the signer certificate: `match` when its
   * first ESSCertIDv2 hash is the hash of that certificate, `mismatch` when it names another one, `absent` when the
   * signature has no such attribute (or an unsupported hash).
   */
  signingCertificateV2: 'match' | 'mismatch' | 'absent';
}

export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-', 0, 'latin1');
}

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '1.3.14.3.2.26': 'sha1',
};

const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';

interface ByteRangeHit {
  ranges: [number, number, number, number];
  /** the signature dictionary's /M (claimed signing time; PAdES puts the time only there) */
  claimedTime: Date | null;
}

/** D:YYYYMMDDHHmmSS with Z or ±HH'mm' */
export function parsePdfDate(s: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2] ?? '1') - 1, Number(m[3] ?? '1'), Number(m[4] ?? '0'), Number(m[5] ?? '0'), Number(m[6] ?? '0'));
  const tz = m[7];
  if (!tz || tz === 'Z') return new Date(utc);
  const sign = tz.startsWith('-') ? -1 : 1;
  const digits = tz.replace(/[^0-9]/g, '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
  return new Date(utc - sign * offsetMin * 60_000);
}

/** The filled /ByteRange [a b c d] arrays of the file, in order, de-duplicated and capped (pdf-structure.ts). */
export function findByteRanges(pdf: Buffer): ByteRangeHit[] {
  return findSignatureByteRanges(pdf).map((h) => ({ ranges: h.ranges, claimedTime: h.claimedTime ? parsePdfDate(h.claimedTime) : null }));
}

function emptyCheck(index: number, problem: SignatureProblem, coversWholeDocument: boolean): SignatureCheck {
  return {
    index,
    intact: false,
    problem,
    coversWholeDocument,
    signerName: '',
    position: '',
    organization: '',
    issuerName: '',
    serialHex: '',
    signingTime: null,
    certificateNotBefore: null,
    certificateNotAfter: null,
    certificateValidAtSigning: null,
    keyAlgorithm: '',
    certificateSha256: '',
    certificateSelfSigned: false,
    signingCertificateV2: 'absent',
  };
}

/** Thrown while reading a structure that is not what the CMS says it is; reported as `malformed`. */
class MalformedCms extends Error {}

/** The ESSCertIDv2 of a signing-certificate-v2 value: the hash it names and its algorithm (default SHA-256). */
interface EssCertId {
  hashName: string;
  hash: Buffer;
}

const bytesOf = (b: asn1js.OctetString) => Buffer.from(b.valueBlock.valueHexView);

function readSigningCertificateV2(v: asn1js.BaseBlock): EssCertId | null {
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }
  if (!(v instanceof asn1js.Sequence)) return null;
  const certs = v.valueBlock.value[0];
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) return null;
  // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
  const f = first.valueBlock.value;
  let hashName = 'sha256';
  let i = 0;
  if (f[0] instanceof asn1js.Sequence) {
    const alg = f[0].valueBlock.value[0];
    const name = alg instanceof asn1js.ObjectIdentifier ? DIGESTS[alg.getValue()] : undefined;
    if (!name) return null;
    hashName = name;
    i = 1;
  }
  const hash = f[i];
  if (!(hash instanceof asn1js.OctetString)) return null;
  return { hashName, hash: bytesOf(hash) };
}

interface ParsedCms {
  signerInfo: pkijs.SignerInfo;
  /** the certificates of the SignedData, each with its DER exactly as embedded */
  certs: CertificateInfo[];
}

/**
 * ContentInfo(SignedData) → its first SignerInfo and its certificates.
 *
 * The ContentInfo, the SignerInfo (with its attributes) and every certificate are parsed by PKI.js; the SignedData
 * around them (six fields) is taken apart by position with asn1js. PKI.js's own SignedData class matches the
 * whole structure against its schema with every CHOICE of certificate and revocation format, and that costs
 * about 15 ms a signature (measured: the district merge of 100 signed files took 4.5× as long as before); the
 * members checked one by one cost a third of that.
 */
function parseCms(blob: Buffer): ParsedCms {
  // the /Contents hex is zero-padded after the DER: asn1js reads the first element and stops there
  const asn = asn1js.fromBER(new Uint8Array(blob));
  if (asn.offset === -1) throw new MalformedCms(asn.result.error);
  const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
  if (contentInfo.contentType !== OID.signedData) throw new MalformedCms('not SignedData');
  const sd: unknown = contentInfo.content;
  if (!(sd instanceof asn1js.Sequence)) throw new MalformedCms('not SignedData');
  // SignedData ::= SEQUENCE { version CMSVersion, digestAlgorithms SET, encapContentInfo EncapsulatedContentInfo,
  //   certificates [0] IMPLICIT CertificateSet OPTIONAL, crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
  //   signerInfos SET OF SignerInfo }
  const fields = sd.valueBlock.value;
  const [version, digestAlgorithms, encap] = fields;
  const signerInfos = fields.at(-1);
  const optional = fields.slice(3, -1);
  if (
    fields.length < 4 ||
    !(version instanceof asn1js.Integer) ||
    !(digestAlgorithms instanceof asn1js.Set) ||
    !(encap instanceof asn1js.Sequence) ||
    !(signerInfos instanceof asn1js.Set) ||
    optional.some((b, i) => b.idBlock.tagClass !== 3 || b.idBlock.tagNumber > 1 || (i > 0 && b.idBlock.tagNumber <= optional[i - 1]!.idBlock.tagNumber))
  ) {
    throw new MalformedCms('not SignedData');
  }
  void new pkijs.EncapsulatedContentInfo({ schema: encap });
  const first = signerInfos.valueBlock.value[0];
  if (!first) throw new MalformedCms('no signer info');
  const signerInfo = new pkijs.SignerInfo({ schema: first });
  // certificates: each X.509 certificate (a SEQUENCE of the set) with its own bytes, so the hash and the
  // fingerprint are of what is embedded, not of a re-encoding; other certificate formats are skipped
  const certSet = optional.find((b) => b.idBlock.tagNumber === 0);
  const certs = certSet instanceof asn1js.Constructed ? certSet.valueBlock.value.filter((b) => b instanceof asn1js.Sequence).map((b) => certificateInfo(new pkijs.Certificate({ schema: b }), b.valueBeforeDecodeView)) : [];
  return { signerInfo, certs };
}

function checkOne(pdf: Buffer, index: number, r: [number, number, number, number], claimedTime: Date | null): SignatureCheck {
  const c = checkCms(pdf, index, r);
  if (!c.signingTime && claimedTime) {
    c.signingTime = claimedTime;
    if (c.intact && c.certificateNotBefore && c.certificateNotAfter) {
      const t = claimedTime.getTime();
      c.certificateValidAtSigning = t >= c.certificateNotBefore.getTime() && t <= c.certificateNotAfter.getTime();
    }
  }
  return c;
}

function checkCms(pdf: Buffer, index: number, r: [number, number, number, number]): SignatureCheck {
  const [a, b, c, d] = r;
  const tailOk = c + d <= pdf.length && /^\s*$/.test(pdf.subarray(c + d).toString('latin1'));
  const covers = a === 0 && tailOk;
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) {
    return emptyCheck(index, 'malformed', false);
  }
  const hex = pdf.subarray(b + 1, c - 1).toString('latin1').replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2) return emptyCheck(index, 'malformed', covers);
  const blob = Buffer.from(hex, 'hex');
  try {
    return checkParsed(pdf, index, r, covers, parseCms(blob));
  } catch {
    // a structure PKI.js or asn1js cannot read, a certificate that is not one, a value of the wrong type
    return emptyCheck(index, 'malformed', covers);
  }
}

function checkParsed(pdf: Buffer, index: number, r: [number, number, number, number], covers: boolean, cms: ParsedCms): SignatureCheck {
  const [a, b, c, d] = r;
  const { signerInfo: si, certs } = cms;
  const attributes = si.signedAttrs?.attributes ?? [];
  const valueOf = (type: string): asn1js.BaseBlock | undefined => {
    const found = attributes.filter((x) => x.type === type);
    // RFC 5652 §5.3: each of these attributes at most once, with exactly one value
    if (found.length > 1 || (found[0] && found[0].values.length !== 1)) throw new MalformedCms(`attribute ${type}`);
    return found[0]?.values[0] as asn1js.BaseBlock | undefined;
  };
  const essValue = valueOf(OID.signingCertificateV2);
  const ess = essValue ? readSigningCertificateV2(essValue) : null;
  const essMatches = (x: CertificateInfo) => !!ess && crypto.createHash(ess.hashName).update(x.der).digest().equals(ess.hash);
  // the signer is the certificate the SignerIdentifier names (issuer and serial); of several such (a forged copy
  // next to the real one), the one the signed signing-certificate-v2 names
  let candidates = certs;
  if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
    const issuer = nameBytes(si.sid.issuer);
    const serial = serialNumberHex(si.sid.serialNumber);
    candidates = certs.filter((x) => x.serialHex === serial && nameBytes(x.cert.issuer).equals(issuer));
  } else if (certs.length !== 1) {
    candidates = certs.filter(essMatches);
  }
  const cert: CertificateInfo | undefined = candidates.find(essMatches) ?? candidates[0] ?? (certs.length === 1 ? certs[0] : undefined);
  const result = emptyCheck(index, null, covers);
  if (cert) {
    result.signerName = cert.subject.CN ?? cert.subject.O ?? '';
    result.position = cert.subject.title ?? '';
    result.organization = cert.subject.O ?? '';
    result.issuerName = cert.issuer.CN ?? cert.issuer.O ?? '';
    result.serialHex = cert.serialHex;
    result.certificateNotBefore = cert.notBefore;
    result.certificateNotAfter = cert.notAfter;
    result.certificateSha256 = cert.sha256;
    result.certificateSelfSigned = cert.selfSigned;
    result.signingCertificateV2 = !ess ? 'absent' : essMatches(cert) ? 'match' : 'mismatch';
  }
  const hashName = DIGESTS[si.digestAlgorithm.algorithmId];
  if (!hashName) return { ...result, problem: 'unsupported_algorithm' };
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const digest = crypto.createHash(hashName).update(signed).digest();
  let dataToVerify: Buffer = signed;
  if (si.signedAttrs) {
    // RFC 5652 §5.3: signed attributes carry at least the content type (here id-data) and the message digest
    const contentType = valueOf(OID.contentType);
    if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.getValue() !== OID.data) throw new MalformedCms('content-type');
    const md = valueOf(OID.messageDigest);
    const time = valueOf(OID.signingTime);
    if (time instanceof asn1js.UTCTime) result.signingTime = time.toDate();
    if (!(md instanceof asn1js.OctetString) || !bytesOf(md).equals(digest)) return { ...result, problem: 'digest_mismatch' };
    // the attributes exactly as encoded in the signature, re-tagged as a SET (PKI.js keeps them so)
    dataToVerify = Buffer.from(new Uint8Array(si.signedAttrs.encodedValue));
  }
  if (!cert) return { ...result, problem: 'no_certificate' };
  let key: crypto.KeyObject;
  try {
    key = new crypto.X509Certificate(cert.der).publicKey;
  } catch {
    return { ...result, problem: 'unsupported_algorithm', keyAlgorithm: 'unknown' };
  }
  result.keyAlgorithm = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
  if (si.signatureAlgorithm.algorithmId === OID_RSASSA_PSS) return { ...result, problem: 'unsupported_algorithm' };
  const signature = Buffer.from(si.signature.valueBlock.valueHexView);
  let ok = false;
  try {
    ok =
      key.asymmetricKeyType === 'ec'
        ? crypto.verify(hashName, dataToVerify, { key, dsaEncoding: 'der' }, signature)
        : crypto.verify(hashName, dataToVerify, key, signature);
  } catch {
    return { ...result, problem: 'unsupported_algorithm' };
  }
  if (!ok) return { ...result, problem: 'bad_signature' };
  if (result.signingTime && cert.notBefore && cert.notAfter) {
    const t = result.signingTime.getTime();
    result.certificateValidAtSigning = t >= cert.notBefore.getTime() && t <= cert.notAfter.getTime();
  }
  return { ...result, intact: true, problem: null };
}

/** Checks every signature of the file. */
export function checkSignatures(pdf: Buffer): SignatureCheck[] {
  return findByteRanges(pdf).map((hit, i) => checkOne(pdf, i + 1, hit.ranges, hit.claimedTime));
}

/** The register id written into the PDF's keywords by `officialDocument` ("qorgan-document:<uuid>"). */
export function embeddedDocumentId(pdf: Buffer): string | null {
  const m = /qorgan-document:([0-9a-f-]{36})/.exec(pdf.toString('latin1'));
  return m ? m[1]! : null;
}

/**
 * Checks a detached CMS signature over `content` (a signed file that is not a PDF, e.g. the district report's
 * JSON): the same checks as a PDF signature's, the signed bytes being the whole content.
 */
export function checkDetached(content: Buffer, cms: Buffer): SignatureCheck {
  // laid out as a PDF signature would be: the content, then the CMS as hex in <>, with /ByteRange [0 n end 0]
  const hex = Buffer.from(`<${cms.toString('hex')}>`, 'latin1');
  const joined = Buffer.concat([content, hex]);
  return checkCms(joined, 1, [0, content.length, joined.length, 0]);
}

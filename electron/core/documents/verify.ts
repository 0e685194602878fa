/**
 * Checks the signatures inside any PDF bytes: for each /ByteRange, whether the signed bytes still hash to the
 * signed digest, whether the RSA/ECDSA signature over the signed attributes holds with the embedded certificate,
 * who signed (names decoded: UTF8String, BMPString …), when (the CMS signing-time, else the dictionary's /M as
 * PAdES has it), and whether the signature covers the whole file.
 * Never throws for bad input: a malformed signature is reported as such.
 */
import crypto from 'node:crypto';
import { DerError, children, content, oidString, readName, readTime, readTlv, whole, type Tlv } from './der';
import { findSignatureByteRanges } from './pdf-structure';

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

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

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

interface CertInfo {
  der: Buffer;
  serialHex: string;
  subject: Record<string, string>;
  issuer: Record<string, string>;
  notBefore: Date | null;
  notAfter: Date | null;
  sha256: string;
  selfSigned: boolean;
}

/** The ESSCertIDv2 of a signing-certificate-v2 value: the hash it names and its algorithm (default SHA-256). */
interface EssCertId {
  hashName: string;
  hash: Buffer;
}

function readSigningCertificateV2(buf: Buffer, v: Tlv): EssCertId | null {
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }
  const certs = children(buf, v)[0];
  const first = certs ? children(buf, certs)[0] : undefined;
  if (!first) return null;
  // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT sha256, certHash OCTET STRING, issuerSerial OPTIONAL }
  const f = children(buf, first);
  let hashName = 'sha256';
  let i = 0;
  if (f[0]?.tag === 0x30) {
    const alg = children(buf, f[0])[0];
    const name = alg ? DIGESTS[oidString(content(buf, alg))] : undefined;
    if (!name) return null;
    hashName = name;
    i = 1;
  }
  const hash = f[i];
  if (!hash || hash.tag !== 0x04) return null;
  return { hashName, hash: Buffer.from(content(buf, hash)) };
}

function stripSerial(b: Buffer): string {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i).toString('hex').toLowerCase();
}

function readCert(buf: Buffer, t: Tlv): CertInfo {
  const [tbs] = children(buf, t);
  if (!tbs) throw new DerError('empty certificate');
  const f = children(buf, tbs);
  const o = f[0]?.tag === 0xa0 ? 1 : 0;
  const serial = f[o]!;
  const issuer = f[o + 2]!;
  const validity = children(buf, f[o + 3]!);
  const subject = f[o + 4]!;
  const der = Buffer.from(whole(buf, t));
  return {
    der,
    sha256: crypto.createHash('sha256').update(der).digest('hex'),
    selfSigned: whole(buf, issuer).equals(whole(buf, subject)),
    serialHex: stripSerial(content(buf, serial)),
    issuer: readName(buf, issuer),
    subject: readName(buf, subject),
    notBefore: validity[0] ? readTime(buf, validity[0]) : null,
    notAfter: validity[1] ? readTime(buf, validity[1]) : null,
  };
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
  let blob: Buffer;
  try {
    const hex = pdf.subarray(b + 1, c - 1).toString('latin1').replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2) return emptyCheck(index, 'malformed', covers);
    blob = Buffer.from(hex, 'hex');
  } catch {
    return emptyCheck(index, 'malformed', covers);
  }
  try {
    const ci = readTlv(blob, 0);
    const [typeOid, wrapped] = children(blob, ci);
    if (!typeOid || !wrapped || oidString(content(blob, typeOid)) !== OID_SIGNED_DATA) {
      return emptyCheck(index, 'malformed', covers);
    }
    const sd = children(blob, wrapped)[0]!;
    const parts = children(blob, sd);
    const certsNode = parts.find((p) => p.tag === 0xa0);
    const signerInfos = parts[parts.length - 1]!;
    const certs = certsNode ? children(blob, certsNode).filter((t) => t.tag === 0x30).map((t) => readCert(blob, t)) : [];
    const si = children(blob, signerInfos)[0];
    if (!si) return emptyCheck(index, 'malformed', covers);
    const sf = children(blob, si);
    const sid = sf[1]!;
    const digestOid = oidString(content(blob, children(blob, sf[2]!)[0]!));
    let k = 3;
    let signedAttrs: Tlv | null = null;
    if (sf[k]?.tag === 0xa0) signedAttrs = sf[k++]!;
    let ess: EssCertId | null = null;
    for (const attr of signedAttrs ? children(blob, signedAttrs) : []) {
      const [oid, values] = children(blob, attr);
      const v = oid && values ? children(blob, values)[0] : undefined;
      if (v && oidString(content(blob, oid!)) === OID_SIGNING_CERTIFICATE_V2) ess = readSigningCertificateV2(blob, v);
    }
    const essMatches = (x: CertInfo) => !!ess && crypto.createHash(ess.hashName).update(x.der).digest().equals(ess.hash);
    // the signer is the certificate the SignerIdentifier names; of several with that serial (a forged copy next to
    // the real one), the one the signed signing-certificate-v2 names
    let candidates = certs;
    if (sid.tag === 0x30) {
      const [, serial] = children(blob, sid);
      const want = serial ? stripSerial(content(blob, serial)) : '';
      candidates = certs.filter((x) => x.serialHex === want);
    } else if (certs.length !== 1) {
      candidates = certs.filter(essMatches);
    }
    const cert: CertInfo | undefined = candidates.find(essMatches) ?? candidates[0] ?? (certs.length === 1 ? certs[0] : undefined);
    const sigAlgOid = oidString(content(blob, children(blob, sf[k++]!)[0]!));
    const signature = content(blob, sf[k]!);
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
    const hashName = DIGESTS[digestOid];
    if (!hashName) return { ...result, problem: 'unsupported_algorithm' };
    const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    const digest = crypto.createHash(hashName).update(signed).digest();
    let dataToVerify: Buffer = signed;
    if (signedAttrs) {
      let md: Buffer | null = null;
      for (const attr of children(blob, signedAttrs)) {
        const [oid, values] = children(blob, attr);
        if (!oid || !values) continue;
        const name = oidString(content(blob, oid));
        const v = children(blob, values)[0];
        if (!v) continue;
        if (name === OID_MESSAGE_DIGEST) md = Buffer.from(content(blob, v));
        if (name === OID_SIGNING_TIME) result.signingTime = readTime(blob, v);
      }
      if (!md || !md.equals(digest)) return { ...result, problem: 'digest_mismatch' };
      // the signature is over the attributes encoded as a SET (tag 0x31), not as [0]
      const der = Buffer.from(whole(blob, signedAttrs));
      der[0] = 0x31;
      dataToVerify = der;
    }
    if (!cert) return { ...result, problem: 'no_certificate' };
    let key: crypto.KeyObject;
    try {
      key = new crypto.X509Certificate(cert.der).publicKey;
    } catch {
      return { ...result, problem: 'unsupported_algorithm', keyAlgorithm: 'unknown' };
    }
    result.keyAlgorithm = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
    if (sigAlgOid === '1.2.840.113549.1.1.10') return { ...result, problem: 'unsupported_algorithm' };
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
  } catch {
    return emptyCheck(index, 'malformed', covers);
  }
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

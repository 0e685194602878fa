/**
 * CAdES-BES detached SignedData for PAdES baseline B-B signatures (SubFilter ETSI.CAdES.detached), DER-encoded by
 * hand so that the signer's issuer and serial are the certificate's own bytes (node-forge would re-encode the
 * issuer name and double-encode Cyrillic UTF8String values).
 *
 * Signed attributes: content-type, message-digest, ESS signing-certificate-v2 (SHA-256 of the signer's
 * certificate). No signing-time attribute: PAdES B-B takes the claimed time from the signature dictionary's /M.
 */
import crypto from 'node:crypto';
import { children, readTlv, whole } from './der';

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const stack: number[] = [p & 0x7f];
    let v = Math.floor(p / 128);
    while (v > 0) {
      stack.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}

const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
/** DER SET OF: elements sorted by their encodings */
const setOf = (...parts: Buffer[]) => tlv(0x31, ...[...parts].sort(Buffer.compare));
const octets = (b: Buffer) => tlv(0x04, b);
const NULL = Buffer.from([0x05, 0x00]);
const INT_1 = Buffer.from([0x02, 0x01, 0x01]);

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

export interface CadesInput {
  /** the bytes covered by /ByteRange */
  content: Buffer;
  /** the signer's certificate, DER */
  certificate: Buffer;
  /** CA certificates to include, DER */
  chain: Buffer[];
  privateKey: crypto.KeyObject;
}

/** ContentInfo(SignedData) DER for a detached RSA/SHA-256 CAdES-BES signature of `content`. */
export function cadesDetached(input: CadesInput): Buffer {
  const cert = input.certificate;
  const tbs = children(cert, readTlv(cert, 0))[0]!;
  const f = children(cert, tbs);
  const o = f[0]?.tag === 0xa0 ? 1 : 0;
  const serial = whole(cert, f[o]!);
  const issuer = whole(cert, f[o + 2]!);
  const sha256Alg = seq(oid(OID.sha256));
  const digest = crypto.createHash('sha256').update(input.content).digest();
  const certHash = crypto.createHash('sha256').update(cert).digest();
  const attrs = [
    seq(oid(OID.contentType), setOf(oid(OID.data))),
    seq(oid(OID.messageDigest), setOf(octets(digest))),
    seq(oid(OID.signingCertificateV2), setOf(seq(seq(seq(octets(certHash)))))),
  ];
  const signedAttrsSet = setOf(...attrs);
  const signature = crypto.sign('sha256', signedAttrsSet, input.privateKey);
  const signedAttrsImplicit = Buffer.concat([Buffer.from([0xa0]), signedAttrsSet.subarray(1)]);
  const signerInfo = seq(
    INT_1,
    seq(issuer, serial),
    sha256Alg,
    signedAttrsImplicit,
    seq(oid(OID.rsaEncryption), NULL),
    octets(signature),
  );
  const signedData = seq(
    INT_1,
    setOf(sha256Alg),
    seq(oid(OID.data)),
    tlv(0xa0, cert, ...input.chain),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), tlv(0xa0, signedData));
}

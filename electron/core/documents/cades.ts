/**
 * CAdES-BES detached SignedData (RFC 5652 + ETSI EN 319 122-1 baseline B), built with PKI.js + asn1js: the PDF
 * signatures (PAdES baseline B-B, SubFilter ETSI.CAdES.detached) and the district report's detached signature.
 *
 * Signed attributes: content-type, message-digest, ESS signing-certificate-v2 (RFC 5035: the SHA-256 of the
 * signer's certificate, no issuerSerial as EN 319 122-1 advises), and signing-time only when asked for. A PAdES
 * signature must not carry signing-time (EN 319 142-1: the claimed time is the signature dictionary's /M); a
 * CAdES signature of a file (the district report) must.
 *
 * The structures are PKI.js classes; the RSA PKCS#1 v1.5 signature itself is made by Node's crypto (OpenSSL),
 * synchronously: PKI.js's own signing goes through WebCrypto, which is asynchronous only, and the callers (the
 * @signpdf signer, the district envelope) are not. The signer's issuer Name and serial are the certificate's own
 * bytes (PKI.js keeps a parsed Name's original encoding), so a Cyrillic UTF8String issuer is written byte for byte.
 */
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../errors';
import { readCertificate } from './x509';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

export interface CadesInput {
  /** the signed bytes (for a PDF: the bytes covered by /ByteRange) */
  content: Buffer;
  /** the signer's certificate, DER */
  certificate: Buffer;
  /** CA certificates to include, DER */
  chain: Buffer[];
  privateKey: crypto.KeyObject;
  /** adds the signing-time attribute (CAdES of a file); leave it out for PAdES */
  signingTime?: Date;
}

const toBuffer = (b: ArrayBuffer) => Buffer.from(new Uint8Array(b));

/** A parsed certificate whose PKI.js encoding is exactly the given DER (else the ESS hash would name another). */
function exactCertificate(der: Buffer): pkijs.Certificate {
  const cert = readCertificate(der).cert;
  if (!toBuffer(cert.toSchema().toBER()).equals(der)) {
    throw new AppError('documents.bad_p12', 'the certificate is not DER-encoded');
  }
  return cert;
}

/** signing-time: UTCTime until 2049, GeneralizedTime after (RFC 5652 §11.3), whole seconds. */
function signingTimeValue(t: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  const d = new Date(Math.floor(t.getTime() / 1000) * 1000);
  return d.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: d }) : new asn1js.GeneralizedTime({ valueDate: d });
}

/** ContentInfo(SignedData) DER for a detached RSA/SHA-256 CAdES-BES signature of `content`. */
export function cadesDetached(input: CadesInput): Buffer {
  const signer = exactCertificate(input.certificate);
  const chain = input.chain.map(exactCertificate);
  const digest = crypto.createHash('sha256').update(input.content).digest();
  const certHash = crypto.createHash('sha256').update(input.certificate).digest();
  const attribute = (type: string, value: asn1js.BaseBlock) => new pkijs.Attribute({ type, values: [value] });
  const attributes = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: digest })),
    ...(input.signingTime ? [attribute(OID.signingTime, signingTimeValue(input.signingTime))] : []),
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQUENCE { certHash }
    // (hashAlgorithm left out: its DEFAULT is SHA-256, and DER omits a default)
    attribute(
      OID.signingCertificateV2,
      new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] })] })] }),
    ),
  ];
  // DER: a SET OF is sorted by the elements' encodings
  const sorted = attributes
    .map((a) => ({ a, der: toBuffer(a.toSchema().toBER()) }))
    .sort((x, y) => Buffer.compare(x.der, y.der))
    .map((x) => x.a);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted });
  // the signature covers the attributes encoded as a SET (tag 0x31), not as the [0] they are stored under
  const toSign = toBuffer(signedAttrs.toSchema().toBER());
  toSign[0] = 0x31;
  const signature = crypto.sign('sha256', toSign, input.privateKey);
  const sha256 = () => new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: sha256(),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [signer, ...chain],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema() });
  return toBuffer(contentInfo.toSchema().toBER());
}

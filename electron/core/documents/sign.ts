/**
 * PAdES baseline B-B signatures (ETSI.CAdES.detached, SHA-256, RSA) added as incremental updates with @signpdf.
 *
 * Each call appends one revision: a signature dictionary with a /ByteRange placeholder, a signature widget whose
 * /Rect is exactly the stamp room the layout reserved, the widget's appearance (the visible stamp, a Form XObject
 * imported from a one-page stamp PDF: appearance.ts), the page's /Annots and the /AcroForm. The stamp therefore
 * exists only from the revision that signs it on. @signpdf/signpdf then
 * fills /ByteRange and /Contents through a fresh `QorganP12Signer` (one signer per signature). Because earlier
 * bytes are never changed, every earlier signature stays valid (chair, then secretary).
 */
import crypto from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { AppError } from '../errors';
import { assertCertificateUsable, type LoadedP12 } from './certificates';
import { importPageAsForm } from './appearance';
import { cadesDetached } from './cades';
import {
  IncrementalUpdate,
  PdfStructureError,
  dictGet,
  dictRemove,
  pageObjects,
  pdfDate,
  pdfText,
  readDictObject,
  readXref,
  refNumber,
} from './pdf-structure';
import type { PdfRect } from './types';

/** Room reserved for the PKCS#7 blob (bytes); a 3072-bit key with a 3-certificate chain needs about 5 KB. */
export const SIGNATURE_LENGTH = 12_288;

/**
 * A @signpdf Signer for a loaded PKCS#12: a CAdES-BES detached SignedData built by PKI.js (cades.ts: SHA-256,
 * RSA PKCS#1 v1.5 by Node's crypto, ESS signing-certificate-v2, no signing-time as PAdES B-B requires) for PAdES
 * baseline B-B. Create one per signature.
 */
export class QorganP12Signer extends Signer {
  constructor(private readonly p12: LoadedP12) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cadesDetached({
      content: pdfBuffer,
      certificate: this.p12.certificate,
      chain: this.p12.chain,
      privateKey: crypto.createPrivateKey(this.p12.privateKeyPem),
    });
  }
}

export interface SignatureRequest {
  /** 1-based page that carries the stamp */
  page: number;
  /** the stamp box in PDF coordinates; the widget covers exactly this box */
  rect: PdfRect;
  signingTime: Date;
  /** shown by PDF readers as the signer's name (/Name) */
  name: string;
  reason: string;
  location?: string;
  /**
   * the visible stamp: a one-page PDF the size of `rect` (see `stampDocument`), imported as the widget's /AP /N;
   * without it the widget has an empty appearance (an invisible signature)
   */
  appearance?: Buffer;
}

/** Adds the signature field and an empty signature placeholder as an incremental update. */
export function addSignaturePlaceholder(pdf: Buffer, req: SignatureRequest, signatureLength = SIGNATURE_LENGTH): Buffer {
  const index = readXref(pdf);
  const pages = pageObjects(pdf, index);
  const pageNum = pages[req.page - 1];
  if (pageNum === undefined) throw new PdfStructureError('no such page');
  const upd = new IncrementalUpdate(pdf, index);
  const rootNum = refNumber(index.rootRef);
  const rootBody = readDictObject(pdf, index, rootNum);
  const acroRef = dictGet(rootBody, 'AcroForm');
  let existingFields: string[] = [];
  let acroNum: number;
  let acroRest = '';
  if (acroRef && /R$/.test(acroRef)) {
    acroNum = refNumber(acroRef);
    const acroBody = readDictObject(pdf, index, acroNum);
    existingFields = [...(dictGet(acroBody, 'Fields') ?? '').matchAll(/\d+\s+\d+\s+R/g)].map((m) => m[0]);
    acroRest = dictRemove(dictRemove(dictRemove(acroBody, 'Fields'), 'SigFlags'), 'Type').trim();
  } else if (acroRef) {
    throw new PdfStructureError('inline AcroForm is not supported');
  } else {
    acroNum = upd.allocate();
    upd.set(rootNum, `<<${rootBody.trimEnd()}\n/AcroForm ${acroNum} 0 R\n>>`);
  }
  const sigNum = upd.allocate();
  const widgetNum = upd.allocate();
  const apNum = req.appearance ? importPageAsForm(req.appearance, upd) : upd.allocate();
  const [x1, y1, x2, y2] = req.rect;
  const w = Math.max(0, x2 - x1);
  const h = Math.max(0, y2 - y1);
  upd.set(
    sigNum,
    '<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n' +
      '/ByteRange [0 /********** /********** /**********]\n' +
      `/Contents <${'0'.repeat(signatureLength * 2)}>\n` +
      `/M (${pdfDate(req.signingTime)})\n/Name ${pdfText(req.name)}\n/Reason ${pdfText(req.reason)}\n` +
      (req.location ? `/Location ${pdfText(req.location)}\n` : '') +
      '/Prop_Build << /App << /Name /Qorgan >> >>\n>>',
  );
  upd.set(
    widgetNum,
    `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/F 132\n/Rect [${req.rect.join(' ')}]\n/V ${sigNum} 0 R\n` +
      `/T (Signature${existingFields.length + 1})\n/P ${pageNum} 0 R\n/AP << /N ${apNum} 0 R >>\n>>`,
  );
  if (!req.appearance) {
    upd.set(apNum, `<< /Type /XObject /Subtype /Form /BBox [0 0 ${w} ${h}] /Resources << >> /Length 0 >>\nstream\n\nendstream`);
  }
  upd.set(
    acroNum,
    `<<\n/Type /AcroForm\n/SigFlags 3\n/Fields [${[...existingFields, `${widgetNum} 0 R`].join(' ')}]\n${acroRest}\n>>`,
  );
  const pageBody = readDictObject(pdf, index, pageNum);
  const annots = dictGet(pageBody, 'Annots');
  if (annots && !annots.startsWith('[')) throw new PdfStructureError('indirect /Annots is not supported');
  const existingAnnots = annots ? [...annots.matchAll(/\d+\s+\d+\s+R/g)].map((m) => m[0]) : [];
  upd.set(pageNum, `<<${dictRemove(pageBody, 'Annots').trimEnd()}\n/Annots [${[...existingAnnots, `${widgetNum} 0 R`].join(' ')}]\n>>`);
  return upd.build();
}

/**
 * Signs `pdf` once more with the given key: checks the certificate's validity at `req.signingTime`, adds the
 * placeholder and lets @signpdf fill it. Returns the new bytes (the old ones are a prefix of them).
 */
export async function signPdf(pdf: Buffer, p12: LoadedP12, req: SignatureRequest): Promise<Buffer> {
  assertCertificateUsable(p12.details, req.signingTime);
  let withPlaceholder: Buffer;
  try {
    withPlaceholder = addSignaturePlaceholder(pdf, req);
  } catch (e) {
    if (e instanceof PdfStructureError) throw new AppError('documents.not_pdf', 'this PDF cannot take a signature here');
    throw e;
  }
  return new SignPdf().sign(withPlaceholder, new QorganP12Signer(p12), req.signingTime);
}

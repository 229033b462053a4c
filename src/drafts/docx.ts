/**
 * The text of a .docx (Office Open XML) letter: its word/document.xml, one line per paragraph.
 * A zip reader of our own for the one entry we need (stored or deflated), bounded in what it
 * inflates, so an upload is read with no dependency, no temp file and no network.
 */
import { inflateRawSync } from 'node:zlib';

/** document.xml is verbose (tags around every run): 8 MB of XML is far more than a 200 kB letter. */
export const MAX_DOCUMENT_XML_BYTES = 8 * 1024 * 1024;

/** Why a file could not be read as a .docx (the caller names the field). */
export class DocxError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Finds and inflates one entry of a zip archive; undefined when it is not there. */
function zipEntry(zip: Buffer, wanted: string): Buffer | undefined {
  // The end-of-central-directory record is in the last 22 + 65 535 (comment) bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new DocxError('is not a .docx (not a zip archive)');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new DocxError('is not a .docx (damaged zip directory)');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name !== wanted) continue;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw new DocxError('is not a .docx (damaged zip entry)');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    if (data.length !== compressed) throw new DocxError('is not a .docx (truncated zip entry)');
    if (method === 0) {
      if (data.length > MAX_DOCUMENT_XML_BYTES) throw new DocxError('has a document larger than 8 MB');
      return data;
    }
    if (method !== 8) throw new DocxError(`is not a .docx this server reads (zip compression method ${method})`);
    try {
      return inflateRawSync(data, { maxOutputLength: MAX_DOCUMENT_XML_BYTES });
    } catch (error) {
      const tooBig = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new DocxError(tooBig ? 'has a document larger than 8 MB' : 'is not a .docx (damaged compressed data)');
    }
  }
  return undefined;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? whole;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * The text a reader sees: paragraphs (w:p) joined by line breaks, runs' text (w:t), tabs and
 * explicit breaks. Deleted text (w:delText) and field codes (w:instrText) are not text.
 */
export function documentXmlText(xml: string): string {
  const paragraphs: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  // Tabs and breaks count inside a run only (a paragraph's tab stops are w:tab elements too).
  let inRun = false;
  const token = /<(\/?)w:(p|r|t|tab|br|cr)(?=[\s/>])[^>]*?(\/?)>|<[^>]*>|([^<]+)/g;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    const [, closing, tag, selfClosing, text] = m;
    if (text !== undefined) {
      if (inText && current) current.push(decodeXml(text));
      continue;
    }
    if (tag === undefined) continue; // any other element
    if (tag === 'p') {
      if (closing) {
        paragraphs.push((current ?? []).join(''));
        current = null;
      } else if (selfClosing) paragraphs.push('');
      else current = [];
    } else if (tag === 'r') inRun = !closing && !selfClosing;
    else if (tag === 't') inText = !closing && !selfClosing;
    else if (!closing && inRun && current) current.push(tag === 'tab' ? '\t' : '\n');
  }
  return paragraphs.join('\n');
}

/** The letter's text from a .docx file. */
export function docxText(file: Buffer): string {
  const xml = zipEntry(file, 'word/document.xml');
  if (!xml) throw new DocxError('is not a .docx (no word/document.xml)');
  return documentXmlText(xml.toString('utf8'));
}

/** What a file is, from its bytes (magic numbers and markup), not from its name. */
export type DetectedKind = 'pdf' | 'docx' | 'zip' | 'ole' | 'image' | 'html' | 'text' | 'binary';

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

export function detectKind(bytes: Uint8Array): DetectedKind {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    // An Office Open XML package (possibly truncated): the Word reader tells what is wrong with it.
    const b = Buffer.from(bytes);
    return b.includes('word/') || b.includes('[Content_Types].xml') ? 'docx' : 'zip';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole'; // .doc, .wps, .xls
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(bytes, [0x42, 0x4d]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) ||
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP')
  ) {
    return 'image';
  }
  // Both tests below need a "<": most text reports have none, and are told without copying the head.
  const start = bytes.subarray(0, 4096);
  if (!start.includes(0x3c)) return 'text';
  const head = Buffer.from(start).toString('latin1');
  if (/<(!doctype\s+html|html|body|head)[\s>]/i.test(head)) return 'html';
  // Markdown with raw HTML tables (pandoc's commonmark) is text: its headings and lines are the markdown's.
  if (/<(meta\s|table|div|p)[\s>]/i.test(head)) return /^#{1,6}\s/m.test(head) ? 'text' : 'html';
  return 'text';
}

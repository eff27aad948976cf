/**
 * What an uploaded file is, told by its first bytes (never by its name or the browser's word), and the display name
 * it is kept under. Shared by every module that takes attachments (referral letters, visit photos).
 */
import path from 'node:path';
import { normalizePersian } from '../../../shared/text.js';

export type AttachmentMime = 'application/pdf' | 'image/png' | 'image/jpeg';

/** The type by the file's first bytes; null when it is none of ours. */
export function sniffAttachmentType(data: Buffer): AttachmentMime | null {
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return null;
}

const EXT: Record<AttachmentMime, string> = { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg' };

/** A display name without paths or control characters, with the extension its content deserves. */
export function cleanFileName(name: string | undefined, mime: AttachmentMime): string {
  const base = normalizePersian(path.basename((name ?? '').replace(/\\/g, '/')))
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .slice(0, 150)
    .replace(/\.(pdf|png|jpe?g)$/i, '');
  return `${base || 'attachment'}${EXT[mime]}`;
}

/** Content-Disposition for a download: an ASCII fallback name and the real (Persian) one, RFC 5987. */
export function attachmentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  return `${disposition}; filename="${fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}


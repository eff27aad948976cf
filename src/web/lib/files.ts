/**
 * Files a person is about to upload: checked against the server's limits before they travel (the server checks
 * again, by the bytes), and a phone photo larger than the limit made smaller in the browser first — a 12-megapixel
 * JPEG is 4–8 MB, and a photo of a meter or a letter reads as well at 2,560 pixels.
 */
import { ATTACHMENT_LIMITS, type AttachmentMime } from '../../shared/contracts/files.js';

/** What the file picker offers (the server tells the type by the bytes, not by this). */
export const ATTACHMENT_ACCEPT = ATTACHMENT_LIMITS.mimes.join(',');

export type FileProblem = 'type' | 'size' | 'empty';

const isAccepted = (type: string): type is AttachmentMime => (ATTACHMENT_LIMITS.mimes as readonly string[]).includes(type);

/** Why this file would be refused, or null. */
export function fileProblem(file: Pick<File, 'type' | 'size'>): FileProblem | null {
  if (!isAccepted(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > ATTACHMENT_LIMITS.maxBytes) return 'size';
  return null;
}

const MAX_EDGE = 2560;

/** A photo within the size limit: as it is when it fits, otherwise redrawn smaller as JPEG (null when it cannot be). */
export async function fitPhoto(file: File): Promise<File | null> {
  if (file.size <= ATTACHMENT_LIMITS.maxBytes) return file;
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(file);
    for (const [edge, quality] of [[MAX_EDGE, 0.85], [1920, 0.8], [1280, 0.75]] as const) {
      const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
      if (blob && blob.size <= ATTACHMENT_LIMITS.maxBytes) return new File([blob], file.name.replace(/\.\w+$/, '') + '.jpg', { type: 'image/jpeg' });
    }
  } catch {
    // an image the browser cannot decode: refused below like any other oversized file
  }
  return null;
}

/** Kilobytes or megabytes, for a person: 340 KB, 2.4 MB. */
export function fileSizeParts(bytes: number): { value: number; unit: 'KB' | 'MB'; digits: number } {
  return bytes >= 1024 * 1024 ? { value: bytes / (1024 * 1024), unit: 'MB', digits: 1 } : { value: Math.max(1, Math.round(bytes / 1024)), unit: 'KB', digits: 0 };
}

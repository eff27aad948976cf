/**
 * A photo from the camera or the gallery, made small on the device before it is kept or sent: at most 1600 px on
 * its long side, re-encoded as JPEG. Re-encoding also drops the camera's metadata (its own GPS tag among them; the
 * visit carries its position separately, by the person's choice).
 */
export const MAX_PHOTO_EDGE = 1600;
export const PHOTO_QUALITY = 0.82;

export interface ResizedPhoto {
  bytes: ArrayBuffer;
  type: 'image/jpeg';
  width: number;
  height: number;
}

/** The size that fits within `max` on the long side, keeping the proportions; never larger than the original. */
export function fitWithin(width: number, height: number, max: number = MAX_PHOTO_EDGE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function resizePhoto(file: Blob, max: number = MAX_PHOTO_EDGE, quality: number = PHOTO_QUALITY): Promise<ResizedPhoto> {
  // the camera's orientation tag is applied, so a photo taken upright stays upright
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, max);
    let blob: Blob | null;
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height);
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2d canvas');
      g.fillStyle = '#fff'; // a transparent PNG gets a white ground, as a JPEG has no transparency
      g.fillRect(0, 0, width, height);
      g.drawImage(bitmap, 0, 0, width, height);
      blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    } else {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2d canvas');
      g.fillStyle = '#fff';
      g.fillRect(0, 0, width, height);
      g.drawImage(bitmap, 0, 0, width, height);
      blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    }
    if (!blob) throw new Error('the photo could not be encoded');
    return { bytes: await blob.arrayBuffer(), type: 'image/jpeg', width, height };
  } finally {
    bitmap.close();
  }
}

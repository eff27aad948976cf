/**
 * Small, valid files made in code for the demo and the tests: a PNG "photo" and a one-page PDF. Deterministic (the
 * same arguments give the same bytes), a few kilobytes, and real enough that a browser shows them and the file
 * store's sniffing takes them for what they are.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export type Rgb = readonly [number, number, number];

/** A truecolour PNG whose pixel (x, y) is `paint(x, y)`. */
export function makePng(width: number, height: number, paint: (x: number, y: number) => Rgb): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, adaptive filtering, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(paint(x, y), row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A workshop seen from the yard: sky, a hall with a roof and a door, the ground; `tint` varies it between photos. */
export function demoPhoto(tint = 0, width = 160, height = 120): Buffer {
  const horizon = Math.round(height * 0.68);
  return makePng(width, height, (x, y) => {
    const inHall = x > width * 0.18 && x < width * 0.78 && y > height * 0.35 && y < horizon;
    const roof = x > width * 0.14 && x < width * 0.82 && y >= height * 0.27 && y <= height * 0.35;
    const door = x > width * 0.42 && x < width * 0.55 && y > height * 0.48 && y < horizon;
    if (door) return [70, 60, 52];
    if (roof) return [150 + tint, 60, 48];
    if (inHall) return [205 - ((x >> 3) % 2) * 10, 198, 182 - tint];
    if (y >= horizon) return [120 + ((x * 7 + y * 3) % 17), 110 + tint, 86];
    return [120 + Math.round((y / horizon) * 90), 170 + Math.round((y / horizon) * 60), 230];
  });
}

/** A one-page A4 PDF with a heading and lines of Latin text (Helvetica, which every reader has). */
export function makePdf(title: string, lines: readonly string[] = []): Buffer {
  const esc = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const text = [
    'BT /F1 20 Tf 60 770 Td',
    `(${esc(title)}) Tj`,
    '/F1 12 Tf',
    ...lines.flatMap((l) => ['0 -24 Td', `(${esc(l)}) Tj`]),
    'ET',
    '0.6 w 60 750 m 535 750 l S',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

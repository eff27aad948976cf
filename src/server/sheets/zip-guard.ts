/**
 * Looks inside a .xlsx (a zip) before any spreadsheet library inflates it: the central directory's
 * entry count and declared unpacked size must be within limits, every entry must lie inside the file
 * (a truncated upload fails here), and every entry is inflated once with its declared size as a hard
 * ceiling — so a zip bomb that lies about its sizes is stopped at the first byte past its word.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  maxEntries: number;
  maxUnpackedBytes: number;
}

export type ZipProblem = 'not_zip' | 'truncated' | 'too_large' | 'corrupt';

export class ZipGuardError extends Error {
  constructor(
    readonly problem: ZipProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ZipGuardError';
  }
}

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const EOCD_MIN = 22;
const ZIP64_MARK_16 = 0xffff;
const ZIP64_MARK_32 = 0xffffffff;

export function looksLikeZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LOC_SIG;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - EOCD_MIN - 0xffff);
  for (let i = buf.length - EOCD_MIN; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  return -1;
}

/** The central directory, checked against the limits; throws ZipGuardError. */
export function listZipEntries(buf: Buffer, limits: ZipLimits): ZipEntryInfo[] {
  if (!looksLikeZip(buf)) throw new ZipGuardError('not_zip', 'no local file header at the start');
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw new ZipGuardError('truncated', 'no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // An .xlsx within our upload limit never needs zip64; its markers only hide sizes from us.
  if (count === ZIP64_MARK_16 || cdSize === ZIP64_MARK_32 || cdOffset === ZIP64_MARK_32) throw new ZipGuardError('too_large', 'zip64 archive');
  if (count > limits.maxEntries) throw new ZipGuardError('too_large', `${count} entries`);
  if (cdOffset + cdSize > eocd) throw new ZipGuardError('truncated', 'central directory outside the file');
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CEN_SIG) throw new ZipGuardError('corrupt', 'bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    if (size === ZIP64_MARK_32 || compressedSize === ZIP64_MARK_32 || localHeaderOffset === ZIP64_MARK_32) throw new ZipGuardError('too_large', 'zip64 entry');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    total += size;
    if (total > limits.maxUnpackedBytes) throw new ZipGuardError('too_large', `declared unpacked size over ${limits.maxUnpackedBytes} bytes`);
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry, never past its declared size. */
export function readZipEntry(buf: Buffer, e: ZipEntryInfo): Buffer {
  const h = e.localHeaderOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== LOC_SIG) throw new ZipGuardError('truncated', `no local header for ${e.name}`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) throw new ZipGuardError('truncated', `${e.name} runs past the end of the file`);
  const data = buf.subarray(start, end);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new ZipGuardError('corrupt', `${e.name}: stored size mismatch`);
    return data;
  }
  if (e.method !== 8) throw new ZipGuardError('corrupt', `${e.name}: compression method ${e.method}`);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new ZipGuardError('too_large', `${e.name} inflates past its declared size`);
    throw new ZipGuardError('corrupt', `${e.name}: ${(err as Error).message}`);
  }
  if (out.length !== e.size) throw new ZipGuardError('corrupt', `${e.name}: inflated to ${out.length}, declared ${e.size}`);
  return out;
}

/**
 * Checks the whole archive — limits, bounds and every entry's real unpacked size — and hands back
 * the unpacked contents of the entries `keep` asks for (the others are inflated, checked, dropped).
 */
export function guardZip(buf: Buffer, limits: ZipLimits, keep: (name: string) => boolean = () => false): { entries: ZipEntryInfo[]; files: Map<string, Buffer> } {
  const entries = listZipEntries(buf, limits);
  const files = new Map<string, Buffer>();
  for (const e of entries) {
    const data = readZipEntry(buf, e);
    if (keep(e.name)) files.set(e.name, data);
  }
  return { entries, files };
}

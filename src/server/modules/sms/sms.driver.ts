/**
 * What every SMS driver (SMPP centre, Kavenegar, the log) offers the delivery worker, and how a text is cut into
 * parts. Persian needs UCS-2 (data_coding 8): 70 UTF-16 units fit one message; a longer text goes in parts of 67,
 * each carrying a concatenation header (UDH 05 00 03 ref total seq, esm_class 0x40) so the phone shows it whole.
 */

export interface OutgoingSms {
  id: string;
  mobile: string;
  text: string;
  /** The centre's ids of the parts it has already accepted, in order: those are not sent again. */
  acceptedIds: readonly string[];
}

export interface SmsReceipt {
  /** the centre's id of the part this receipt is for */
  providerMessageId: string;
  /** DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, ACCEPTD, UNKNOWN, ENROUTE */
  stat: string;
  err?: string;
  doneAt?: Date;
}

export interface SmsDriver {
  readonly name: string;
  /** How many parts this driver sends the text in. */
  partsOf(text: string): number;
  /**
   * Sends the parts after `acceptedIds.length`, in order. For each one the centre accepts, awaits
   * `accepted(index, id)` (which records the id) before sending the next. Throws SmsSendError.
   */
  send(msg: OutgoingSms, accepted: (index: number, providerMessageId: string) => Promise<void>): Promise<void>;
  /** Drivers that receive delivery receipts hand them here. */
  onReceipt?(handler: (receipt: SmsReceipt) => Promise<void>): void;
  close(): Promise<void>;
}

export class SmsSendError extends Error {
  /** `permanent`: retrying cannot help (a number the centre refuses, a bad API key) */
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

/** UTF-16 units in one unsplit UCS-2 message, and in each part of a concatenated one. */
export const UCS2_SINGLE = 70;
export const UCS2_PART = 67;

/** Cuts a text into UCS-2 parts, never between the two halves of a surrogate pair. */
export function splitUcs2(text: string): string[] {
  if (text.length <= UCS2_SINGLE) return [text];
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + UCS2_PART, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(i, end));
    i = end;
  }
  return parts;
}

/** UTF-16 big-endian, as SMPP's UCS-2 wants it. */
export function encodeUcs2(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const b = le[i]!;
    le[i] = le[i + 1]!;
    le[i + 1] = b;
  }
  return le;
}

export function decodeUcs2(buf: Buffer): string {
  const le = Buffer.from(buf);
  for (let i = 0; i + 1 < le.length; i += 2) {
    const b = le[i]!;
    le[i] = le[i + 1]!;
    le[i + 1] = b;
  }
  return le.toString('utf16le');
}

/** The 8-bit concatenation reference of a message: the same on every attempt, so resent parts join the first ones. */
export function concatRef(messageId: string): number {
  let h = 0;
  for (let i = 0; i < messageId.length; i++) h = (h * 31 + messageId.charCodeAt(i)) >>> 0;
  return h & 0xff;
}

/** UDH for part `seq` (1-based) of `total`: IEI 0x00 (8-bit reference), length 3. */
export function concatUdh(ref: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, ref & 0xff, total, seq]);
}

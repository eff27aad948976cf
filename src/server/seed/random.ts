import { tehranDayStart, type IsoDate } from '../../shared/jalali.js';

/** A small seeded PRNG, so demo and benchmark data are the same on every machine. */
export function makeRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1]![0];
  };
  return { next, int, pick, weighted };
}
export type Random = ReturnType<typeof makeRandom>;

/** A deterministic UUID (version-4 layout) from the demo's random stream. */
export function uuidFrom(rnd: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = (Math.floor(rnd.next() * 4) + 8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** An instant on a Tehran calendar day, during office hours. */
export function officeHours(rnd: Random, date: IsoDate): Date {
  return new Date(tehranDayStart(date).getTime() + (8 * 60 + rnd.int(0, 7 * 60)) * 60_000);
}

/**
 * The minutes (صورتجلسه) of a session: a printable, right-to-left A4 page ready to sign, and the same page
 * printed to PDF by headless Chromium when it is installed. The Vazirmatn font comes from the built web
 * assets (or, before a build, from the package) — never from a CDN.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../config.js';
import { AppError } from '../../../shared/errors.js';
import { formatJalali, formatJalaliDateTime } from '../../../shared/jalali.js';
import { toPersianDigits } from '../../../shared/text.js';
import type { SessionDetail } from '../../../shared/contracts/sessions.js';

const run = promisify(execFile);

export interface MinutesFont {
  /** a URL the page can load (/assets/… from the web build) or a data: URL */
  url: string;
  /** the font file, for a self-contained copy (PDF) */
  file: string;
}

const fontCache = new Map<string, MinutesFont | null>();

/** Vazirmatn from the web build's assets, else from the npm package (embedded); null if neither exists. */
export function findMinutesFont(webDir: string): MinutesFont | null {
  if (fontCache.has(webDir)) return fontCache.get(webDir)!;
  let found: MinutesFont | null = null;
  const assets = path.join(webDir, 'assets');
  const built = existsSync(assets) ? readdirSync(assets).find((f) => /^Vazirmatn.*\.woff2$/.test(f)) : undefined;
  if (built) found = { url: `/assets/${built}`, file: path.join(assets, built) };
  else {
    const pkg = path.join(projectRoot, 'node_modules', 'vazirmatn', 'fonts', 'webfonts', 'Vazirmatn[wght].woff2');
    if (existsSync(pkg)) found = { url: dataUrl(pkg), file: pkg };
  }
  fontCache.set(webDir, found);
  return found;
}

function dataUrl(file: string): string {
  return `data:font/woff2;base64,${readFileSync(file).toString('base64')}`;
}

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fa = (s: string | number) => esc(toPersianDigits(String(s)));
const WEEKDAYS = ['یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه', 'شنبه'];

function weekday(iso: string): string {
  return WEEKDAYS[new Date(`${iso}T12:00:00Z`).getUTCDay()] ?? '';
}

export interface MinutesOptions {
  provinceName: string;
  fontUrl: string | null;
  printedAt: Date;
  objectionWindowDays: number;
  /** nonce for the print button's script; none in the PDF copy */
  scriptNonce?: string;
}

/** The minutes as a standalone HTML document (Persian, RTL, A4). */
export function renderMinutesHtml(s: SessionDetail, o: MinutesOptions): string {
  const title = toPersianDigits(`صورتجلسهٔ جلسهٔ ${s.number} کارگروه تسهیل و رفع موانع تولید استان ${o.provinceName} — سال ${s.fiscalYear}`);
  const agencyNames = (ids: { name: string }[]) => ids.map((a) => esc(a.name)).join('، ');
  const attendees = s.attendees.length
    ? s.attendees
        .map(
          (a, i) => `<tr><td class="n">${fa(i + 1)}</td><td>${esc(a.name)}</td><td>${esc(a.title)}</td><td>${esc(a.agencyName)}</td><td class="c">${a.present ? 'حاضر' : '<span class="absent">غایب</span>'}</td><td class="sign"></td></tr>`,
        )
        .join('')
    : '<tr><td colspan="6" class="empty">حاضران ثبت نشده‌اند.</td></tr>';
  const present = s.attendees.filter((a) => a.present).length;
  const agenda = s.agenda.length
    ? s.agenda
        .map((a) => {
          const refs = [a.unitName ? `واحد: ${esc(a.unitName)}` : '', a.demandCode ? `مطالبهٔ <bdi dir="ltr">${esc(a.demandCode)}</bdi>` : '', a.referralCode ? `معرفی به بانک <bdi dir="ltr">${esc(a.referralCode)}</bdi>` : '']
            .filter(Boolean)
            .join(' — ');
          const status = a.status === 'carried_over' ? '<span class="tag">به جلسهٔ بعد موکول شد</span>' : a.carriedFromItemId ? '<span class="tag">از جلسهٔ پیشین</span>' : '';
          return `<li><span class="subject">${esc(a.subject)}</span> ${status}${refs ? `<div class="refs">${refs}</div>` : ''}</li>`;
        })
        .join('')
    : '<li class="empty">دستور جلسه‌ای ثبت نشده است.</li>';
  const resolutions = s.resolutions.length
    ? s.resolutions
        .map(
          (r, i) =>
            `<tr><td class="n">${fa(i + 1)}</td><td class="code"><bdi dir="ltr">${esc(r.code)}</bdi></td><td class="text">${esc(r.text).replace(/\n/g, '<br>')}${r.unitName ? `<div class="refs">واحد: ${esc(r.unitName)}</div>` : ''}</td><td>${agencyNames(r.agencies)}</td><td class="c">${esc(formatJalali(r.dueDate))}</td></tr>`,
        )
        .join('')
    : '<tr><td colspan="5" class="empty">مصوبه‌ای ثبت نشده است.</td></tr>';
  const fontFace = o.fontUrl ? `@font-face{font-family:Vazirmatn;src:url("${o.fontUrl}") format("woff2");font-weight:100 900;font-display:block}` : '';
  const printButton = o.scriptNonce
    ? `<div class="toolbar"><button type="button" id="print">چاپ صورتجلسه</button></div><script nonce="${o.scriptNonce}">document.getElementById('print').addEventListener('click',function(){window.print()})</script>`
    : '';
  return `<!doctype html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
${fontFace}
@page{size:A4;margin:16mm 14mm 18mm 14mm;@bottom-center{content:"صفحهٔ " counter(page) " از " counter(pages);font-family:Vazirmatn,Tahoma,sans-serif;font-size:9pt;color:#555}}
*{box-sizing:border-box}
html{background:#e9ecef}
body{font-family:Vazirmatn,Tahoma,sans-serif;color:#111;font-size:10.5pt;line-height:1.75;margin:0}
.sheet{background:#fff;width:210mm;min-height:297mm;margin:12px auto;padding:16mm 14mm;box-shadow:0 1px 6px rgba(0,0,0,.15)}
header{text-align:center;border-bottom:2px solid #111;padding-bottom:6px;margin-bottom:10px}
header .top{display:flex;justify-content:space-between;font-size:9.5pt}
header .bism{font-weight:700}
header h1{font-size:14pt;margin:6px 0 2px}
header .org{font-size:10pt;color:#333}
table{width:100%;border-collapse:collapse;margin:4px 0 12px}
th,td{border:1px solid #555;padding:3px 6px;vertical-align:top;text-align:right}
th{background:#f1f3f5;font-weight:700}
td.n{width:8mm;text-align:center}
td.c{text-align:center;white-space:nowrap}
td.code{white-space:nowrap;direction:ltr;text-align:center;font-size:9pt}
td.sign{width:30mm}
td.text{width:48%}
.meta td{border:none;padding:1px 4px}
.meta td.k{font-weight:700;width:22mm}
h2{font-size:11.5pt;margin:10px 0 4px;border-right:4px solid #111;padding-right:6px}
ol{margin:0 0 10px;padding-right:22px;list-style-type:persian}
li{margin-bottom:3px}
.refs{font-size:9pt;color:#444}
.tag{font-size:8.5pt;border:1px solid #888;border-radius:3px;padding:0 4px;margin-inline-start:4px}
.absent{color:#a00}
.empty{color:#666;text-align:center}
.note{font-size:9.5pt;color:#333;border:1px dashed #777;padding:4px 8px;margin:6px 0 12px}
.signatures{display:flex;justify-content:space-between;gap:16mm;margin-top:18mm}
.signatures div{flex:1;text-align:center;border-top:1px solid #111;padding-top:4px}
.toolbar{text-align:center;margin:10px}
.toolbar button{font-family:inherit;font-size:11pt;padding:6px 18px;cursor:pointer}
footer{margin-top:8mm;font-size:8.5pt;color:#555;text-align:left}
tr{page-break-inside:avoid}
@media print{html{background:#fff}.sheet{margin:0;width:auto;min-height:0;padding:0;box-shadow:none}.toolbar{display:none}}
</style>
</head>
<body>
${printButton}
<main class="sheet">
<header>
<div class="top"><span>شمارهٔ جلسه: ${fa(s.number)} / ${fa(s.fiscalYear)}</span><span class="bism">باسمه تعالی</span><span>تاریخ: ${esc(formatJalali(s.heldOn))}</span></div>
<h1>${esc(title)}</h1>
<div class="org">ستاد تسهیل و رفع موانع تولید استان ${esc(o.provinceName)}</div>
</header>
<table class="meta"><tbody>
<tr><td class="k">تاریخ جلسه</td><td>${esc(weekday(s.heldOn))} ${esc(formatJalali(s.heldOn, { style: 'long' }))}</td><td class="k">محل</td><td>${esc(s.location ?? '—')}</td></tr>
<tr><td class="k">رئیس جلسه</td><td>${esc(s.chair ?? '—')}</td><td class="k">موضوع</td><td>${esc(s.title ?? '—')}</td></tr>
<tr><td class="k">حاضران</td><td colspan="3">${fa(present)} نفر از ${fa(s.attendees.length)} نفر دعوت‌شده</td></tr>
</tbody></table>
<h2>حاضران و غایبان</h2>
<table><thead><tr><th>ردیف</th><th>نام و نام خانوادگی</th><th>سمت</th><th>دستگاه</th><th>حضور</th><th>امضا</th></tr></thead><tbody>${attendees}</tbody></table>
<h2>دستور جلسه</h2>
<ol>${agenda}</ol>
<h2>مصوبات</h2>
<table><thead><tr><th>ردیف</th><th>کد رهگیری</th><th>متن مصوبه</th><th>دستگاه(های) مسئول</th><th>مهلت اجرا</th></tr></thead><tbody>${resolutions}</tbody></table>
<div class="note">مصوبات از تاریخ ابلاغ لازم‌الاجراست. دستگاه مسئول می‌تواند ظرف ${fa(o.objectionWindowDays)} روز از ابلاغ، اعتراض خود را با ذکر دلایل به دبیرخانهٔ ستاد اعلام کند.</div>
<div class="signatures"><div>دبیر کارگروه</div><div>${esc(s.chair ?? 'رئیس کارگروه')}<br>رئیس کارگروه</div></div>
<footer>چاپ: ${esc(formatJalaliDateTime(o.printedAt))} — سامانهٔ تسهیل</footer>
</main>
</body>
</html>
`;
}

/** One Chromium at a time per process: each takes a few hundred MB, and printing is rare. */
let printing: Promise<unknown> = Promise.resolve();

/** Prints the minutes to PDF with headless Chromium (self-contained HTML in a temp folder); 503 when it cannot. */
export function renderMinutesPdf(html: string, chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'): Promise<Buffer> {
  const job = printing.then(() => printPdf(html, chromiumPath));
  printing = job.catch(() => undefined);
  return job;
}

async function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) throw new AppError('minutes.pdf_unavailable');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tashil-minutes-'));
  try {
    const input = path.join(dir, 'minutes.html');
    const output = path.join(dir, 'minutes.pdf');
    await writeFile(input, html);
    await run(
      chromiumPath,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        '--run-all-compositor-stages-before-draw',
        '--virtual-time-budget=5000',
        `--print-to-pdf=${output}`,
        `file://${input}`,
      ],
      { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 },
    );
    const pdf = await readFile(output);
    if (pdf.subarray(0, 5).toString() !== '%PDF-') throw new Error('not a PDF');
    return pdf;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('minutes.pdf_unavailable');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The PDF copy embeds the font, so Chromium needs nothing from the server. */
export function embeddedFontUrl(font: MinutesFont | null): string | null {
  return font ? (font.url.startsWith('data:') ? font.url : dataUrl(font.file)) : null;
}

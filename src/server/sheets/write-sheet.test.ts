import { expect, it } from 'vitest';
import { csvCell, writeCsv } from './write-sheet.js';

it('defuses every cell a spreadsheet could read as a formula, fullwidth forms, tab and CR included', () => {
  for (const s of ['=1+1', '+98', '-2', '@SUM(A1)', '＝1+1', '＋1', '－1', '＠x', '\t=1', '\r=1']) {
    const cell = csvCell(s);
    expect(cell.replace(/^"/, '').startsWith("'"), JSON.stringify(s)).toBe(true);
  }
  expect(csvCell('تهران')).toBe('تهران');
  expect(csvCell(-5)).toBe('-5'); // numbers are numbers
  expect(writeCsv([{ header: 'a' }], [['＝HYPERLINK("x")']]).toString('utf8')).toContain(`"'＝HYPERLINK(""x"")"`);
});

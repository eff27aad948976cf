import { describe, expect, it } from 'vitest';
import { ATTACHMENT_ACCEPT, fileProblem, fileSizeParts, fitPhoto } from './files.js';

describe('files about to be uploaded', () => {
  it('names what the server would refuse: another type, nothing in it, over 5 MB', () => {
    expect(ATTACHMENT_ACCEPT).toBe('application/pdf,image/png,image/jpeg');
    expect(fileProblem({ type: 'image/png', size: 2048 })).toBeNull();
    expect(fileProblem({ type: 'application/pdf', size: 5 * 1024 * 1024 })).toBeNull();
    expect(fileProblem({ type: 'image/gif', size: 10 })).toBe('type');
    expect(fileProblem({ type: 'application/pdf', size: 0 })).toBe('empty');
    expect(fileProblem({ type: 'image/jpeg', size: 5 * 1024 * 1024 + 1 })).toBe('size');
  });

  it('leaves a file within the limit as it is, and gives up on one it cannot redraw', async () => {
    const small = new File([new Uint8Array(100)], 'a.png', { type: 'image/png' });
    expect(await fitPhoto(small)).toBe(small);
    const bigPdf = new File([new Uint8Array(5 * 1024 * 1024 + 10)], 'b.pdf', { type: 'application/pdf' });
    expect(await fitPhoto(bigPdf)).toBeNull();
  });

  it('tells sizes in kilobytes or megabytes', () => {
    expect(fileSizeParts(700)).toEqual({ value: 1, unit: 'KB', digits: 0 });
    expect(fileSizeParts(340 * 1024)).toEqual({ value: 340, unit: 'KB', digits: 0 });
    expect(fileSizeParts(2.5 * 1024 * 1024)).toEqual({ value: 2.5, unit: 'MB', digits: 1 });
  });
});

import { vi } from 'vitest';

/** A file the page offered for download. */
export interface Download {
  filename: string;
  blob: Blob;
}

/**
 * Catches downloads: the object URL's Blob and the file name of the link clicked.
 * jsdom has no object URLs and does not follow downloads, so both are stood in for.
 */
export function captureDownloads(): Download[] {
  const downloads: Download[] = [];
  const blobs = new Map<string, Blob>();
  let next = 0;
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:test/${next++}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    const blob = blobs.get(this.href);
    if (blob) downloads.push({ filename: this.download, blob });
  });
  return downloads;
}

/** A Blob's text (jsdom's Blob has no text()). */
export function blobText(blob: Blob | undefined): Promise<string> {
  if (!blob) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file.'));
    reader.readAsText(blob);
  });
}

/**
 * A chosen file's text, read as UTF-8 without blocking the page. FileReader rather than
 * Blob.text(), which older browsers (and jsdom) lack.
 */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      const { result } = reader;
      if (typeof result === 'string') resolve(result);
      else reject(new Error('The file could not be read as text.'));
    });
    reader.addEventListener('error', () =>
      reject(reader.error ?? new Error('The file could not be read.')),
    );
    reader.readAsText(file, 'utf-8');
  });
}

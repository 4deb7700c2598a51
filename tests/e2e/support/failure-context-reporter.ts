import { readFileSync } from 'node:fs';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Prints what the page showed when a test failed (Playwright's "error context": an outline
 * of the page), so a failure in CI, where test-results/ is not kept, can still be read.
 */
export default class FailureContextReporter implements Reporter {
  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === 'passed' || result.status === 'skipped') return;
    const context = result.attachments.find((a) => a.name === 'error-context' && a.path);
    if (!context?.path) return;
    let text: string;
    try {
      text = readFileSync(context.path, 'utf8');
    } catch {
      return;
    }
    const limit = 4000;
    const shown =
      text.length > limit ? `${text.slice(0, limit)}\n… (${text.length} characters)` : text;
    process.stdout.write(
      `\n--- What the page showed when "${test.title}" failed (try ${result.retry + 1}) ---\n${shown}\n---\n`,
    );
  }
}

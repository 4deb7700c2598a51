import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackupCheck } from '../../../../src/features/backup/check-backup';
import {
  parseBackupInBackground,
  type BackupWorkerRequest,
} from '../../../../src/features/backup/parse-in-background';

type Listener = (event: { data?: unknown; preventDefault: () => void }) => void;

/** Stands in for the browser's Worker: records what it is sent and answers as told. */
class FakeWorker {
  static instances: FakeWorker[] = [];
  static answer: ((request: BackupWorkerRequest) => BackupCheck) | null = null;
  readonly url: string;
  readonly options: unknown;
  readonly sent: BackupWorkerRequest[] = [];
  terminated = false;
  private listeners = new Map<string, Listener[]>();

  constructor(url: URL | string, options?: unknown) {
    this.url = String(url);
    this.options = options;
    FakeWorker.instances.push(this);
  }

  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  postMessage(request: BackupWorkerRequest) {
    this.sent.push(request);
    const { answer } = FakeWorker;
    setTimeout(() => {
      const event = answer
        ? { type: 'message', data: { check: answer(request) } }
        : { type: 'error', data: undefined };
      for (const listener of this.listeners.get(event.type) ?? []) {
        listener({ data: event.data, preventDefault: () => undefined });
      }
    }, 0);
  }

  terminate() {
    this.terminated = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.instances = [];
  FakeWorker.answer = null;
});

describe('parseBackupInBackground', () => {
  it('checks the text in a module worker, then ends the worker', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.answer = () => ({ kind: 'encrypted' });
    const now = new Date('2026-11-23T10:00:00.000Z');
    await expect(parseBackupInBackground('{"x":1}', now)).resolves.toEqual({
      kind: 'encrypted',
    });
    const [worker] = FakeWorker.instances;
    expect(worker?.url).toMatch(/parse-backup\.worker\.ts/);
    expect(worker?.options).toEqual({ type: 'module' });
    // The time goes with the text: a record dated after it is refused.
    expect(worker?.sent).toEqual([{ text: '{"x":1}', passphrase: null, now: now.getTime() }]);
    expect(worker?.terminated).toBe(true);
  });

  it('checks the text on the page when the worker cannot start', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const check = await parseBackupInBackground('not json', new Date());
    expect(FakeWorker.instances).toHaveLength(1);
    expect(check).toEqual({
      kind: 'invalid',
      message: 'This file is not a backup: it is not JSON.',
      problems: [],
      moreProblems: 0,
    });
  });

  it('checks the text on the page where there are no workers', async () => {
    expect(typeof Worker).toBe('undefined');
    const check = await parseBackupInBackground(
      JSON.stringify({ format: 'resilience-coaching-backup', version: 3 }),
      new Date(),
    );
    expect(check).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('backup version 3') as unknown,
    });
  });
});

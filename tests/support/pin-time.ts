import { newPinPage, type PinPage } from '../../src/domain/pin-attempts';
import type { PinTime } from '../../src/db/repositories/coach-pin';

/**
 * One page of the app as the PIN's waits see it (see src/domain/pin-attempts.ts): a wall clock
 * the device's owner may move, and a monotonic clock only real time moves. Tests move both by
 * hand, so nothing waits for real. A reload is a new FakePinPage.
 */
export class FakePinPage {
  readonly memory: PinPage = newPinPage();
  private mono = 0;

  constructor(private readonly wallAtStart: number = Date.UTC(2026, 10, 23, 10)) {}

  /** Now, as this page reads it. */
  get time(): PinTime {
    return { clock: { now: this.wallAtStart + this.mono, mono: this.mono }, page: this.memory };
  }

  /** Its wall clock now. */
  get now(): number {
    return this.wallAtStart + this.mono;
  }

  /** Real time passes. */
  pass(ms: number): this {
    this.mono += ms;
    return this;
  }

  /** The page is reloaded after the device's clock was moved by `shiftMs` (back if negative). */
  reload(shiftMs = 0): FakePinPage {
    return new FakePinPage(this.now + shiftMs);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

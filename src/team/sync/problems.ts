/**
 * What a replication error means for the coach, in plain words, and whether sync goes on by
 * itself (PouchDB retries) or needs someone to act.
 */
import { UNREACHABLE } from './steady-fetch';

export interface SyncProblem {
  /** 'offline': it goes on by itself when the server answers again; 'error': someone acts. */
  state: 'offline' | 'error';
  message: string;
}

const KEPT = 'Your changes are kept on this device';

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

function nameOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name.toLowerCase() : '';
}

/** The problem a replication error (from PouchDB) is. */
export function describeSyncError(error: unknown): SyncProblem {
  const status = statusOf(error);
  const name = nameOf(error);
  if (status === 401 || name === 'unauthorized') {
    return {
      state: 'error',
      message: `The team server did not accept this user name and password. ${KEPT}. If the service gave you a new password, enter it in Settings, Team.`,
    };
  }
  if (status === 403 || name === 'forbidden') {
    return {
      state: 'error',
      message: `This account may not use this caseload on the team server. ${KEPT}. Ask your service lead to check it.`,
    };
  }
  if (status === 404 || name === 'not_found') {
    return {
      state: 'error',
      message: `This caseload is not on the team server. ${KEPT}. Ask your service lead to check it.`,
    };
  }
  if (name === UNREACHABLE) return unreachable();
  if (status !== undefined && status >= 500) {
    return {
      state: 'offline',
      message: `The team server is not working at the moment. ${KEPT} and will be sent when it is.`,
    };
  }
  return unreachable();
}

function unreachable(): SyncProblem {
  return {
    state: 'offline',
    message: `The team server cannot be reached. ${KEPT} and will be sent when it can be.`,
  };
}

/** A document the server refused to take (PouchDB's 'denied'). */
export const DENIED_MESSAGE = `The team server refused some changes. ${KEPT}. Ask your service lead to check the caseload.`;

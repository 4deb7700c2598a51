/**
 * Types for the part of pouchdb-browser 9 the app and its tests use. Not @types/pouchdb-browser:
 * its @types/pouchdb-core declares a global `Buffer` interface of its own, which merges with
 * Node's and breaks the typing of every Buffer in the project's Node code. Add members here as
 * the sync module needs them (https://pouchdb.com/api.html).
 */
declare module 'pouchdb-browser' {
  export interface PouchDocument {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    [field: string]: unknown;
  }

  export interface StoredDocument extends PouchDocument {
    _rev: string;
    _conflicts?: string[];
  }

  export interface PutResponse {
    ok: boolean;
    id: string;
    rev: string;
  }

  export interface BulkError {
    error: true | string;
    id?: string;
    status?: number;
    name?: string;
    message?: string;
  }

  export interface AllDocsRow {
    id: string;
    key: string;
    value: { rev: string; deleted?: boolean };
    doc?: StoredDocument;
  }

  export interface AllDocsResponse {
    total_rows: number;
    offset: number;
    rows: AllDocsRow[];
  }

  export interface DatabaseInfo {
    db_name: string;
    doc_count: number;
    update_seq: number | string;
  }

  export interface DatabaseOptions {
    adapter?: string;
    /** For a remote database: never create it (PUT) if it is missing; the server admin does. */
    skip_setup?: boolean;
    auth?: { username: string; password: string };
    fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
    revs_limit?: number;
    auto_compaction?: boolean;
  }

  export interface ReplicationOptions {
    live?: boolean;
    retry?: boolean;
    batch_size?: number;
    batches_limit?: number;
    checkpoint?: 'source' | 'target' | false;
    doc_ids?: string[];
    since?: number | string;
    /** The wait before the next retry, from the last wait (ms; 0 at first). */
    back_off_function?: (delay: number) => number;
  }

  export interface ChangesOptions {
    since?: number | string;
    limit?: number;
    include_docs?: boolean;
    conflicts?: boolean;
    style?: 'main_only' | 'all_docs';
  }

  export interface Change {
    id: string;
    seq: number | string;
    changes: { rev: string }[];
    deleted?: boolean;
    doc?: StoredDocument;
  }

  export interface ChangesResponse {
    results: Change[];
    last_seq: number | string;
  }

  export interface ReplicationResult {
    ok: boolean;
    status: string;
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
    last_seq: number | string;
  }

  /**
   * 'requestError': a request failed and will be retried (with `retry: true`); 'paused' with an
   * error: the first such failure; 'paused' without one: caught up; 'error': given up (a
   * refused name or password, 401 or 403, is never retried).
   */
  export type ReplicationEvent =
    'change' | 'complete' | 'paused' | 'active' | 'denied' | 'error' | 'requestError';

  /** A replication in progress: a promise of its result that also emits its events. */
  export interface Replication extends Promise<ReplicationResult> {
    cancel(): void;
    on(event: ReplicationEvent, listener: (info: unknown) => void): this;
  }

  export interface Database {
    readonly name: string;
    put(doc: PouchDocument): Promise<PutResponse>;
    get(id: string, options?: { conflicts?: boolean; rev?: string }): Promise<StoredDocument>;
    remove(doc: StoredDocument): Promise<PutResponse>;
    changes(options?: ChangesOptions): Promise<ChangesResponse>;
    bulkDocs(docs: PouchDocument[]): Promise<(PutResponse | BulkError)[]>;
    allDocs(options?: {
      include_docs?: boolean;
      conflicts?: boolean;
      keys?: string[];
      startkey?: string;
      endkey?: string;
      limit?: number;
    }): Promise<AllDocsResponse>;
    info(): Promise<DatabaseInfo>;
    close(): Promise<void>;
    destroy(): Promise<void>;
    replicate: {
      to(target: Database | string, options?: ReplicationOptions): Replication;
      from(source: Database | string, options?: ReplicationOptions): Replication;
    };
  }

  interface PouchDBConstructor {
    new (name: string, options?: DatabaseOptions): Database;
    replicate(
      source: Database | string,
      target: Database | string,
      options?: ReplicationOptions,
    ): Replication;
  }

  const PouchDB: PouchDBConstructor;
  export default PouchDB;
}

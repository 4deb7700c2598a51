import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Draft } from '../domain/draft';
import type {
  Closure,
  Deletion,
  Goal,
  Rating,
  ResilienceMap,
  Session,
  Setting,
  YoungPerson,
} from '../domain/schemas';
import { watchConnection } from './connection';
import { installEncryption } from './encryption/middleware';
import { getDatabaseKey, getPreviousDataKey } from './encryption/session-key';
import { upgradeToV2, upgradeToV3, upgradeToV4, upgradeToV5 } from './migrations';
import { DATABASE_NAME, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5 } from './schema';

/** The app's one IndexedDB database. All writes go through the repositories in ./repositories. */
export class CoachingDatabase extends Dexie {
  youngPeople!: EntityTable<YoungPerson, 'id'>;
  goals!: EntityTable<Goal, 'id'>;
  sessions!: EntityTable<Session, 'id'>;
  ratings!: EntityTable<Rating, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  closures!: EntityTable<Closure, 'id'>;
  resilienceMaps!: EntityTable<ResilienceMap, 'id'>;
  drafts!: EntityTable<Draft, 'id'>;
  /** What was deleted here and when, keyed by [table+id] (./repositories/deletions.ts). */
  deletions!: Table<Deletion, [string, string]>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    // Every version stays declared, each with its upgrade (see ./schema.ts).
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeToV4);
    this.version(5).stores(SCHEMA_V5).upgrade(upgradeToV5);
  }
}

let instance: CoachingDatabase | null = null;

/** The shared database, opened lazily, with encryption at rest installed. */
export function getDb(): CoachingDatabase {
  if (!instance) {
    instance = new CoachingDatabase();
    // Every record about a young person is sealed on its way in and opened (and checked) on
    // its way out (./encryption), with the key held while unlocked.
    installEncryption(instance, getDatabaseKey, getPreviousDataKey);
    watchConnection(instance);
  }
  return instance;
}

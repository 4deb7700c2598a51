import Dexie, { type EntityTable } from 'dexie';
import type {
  Closure,
  Goal,
  Rating,
  ResilienceMap,
  Session,
  Setting,
  YoungPerson,
} from '../domain/schemas';
import { upgradeToV2, upgradeToV3 } from './migrations';
import { DATABASE_NAME, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from './schema';

/** The app's one IndexedDB database. All writes go through the repositories in ./repositories. */
export class CoachingDatabase extends Dexie {
  youngPeople!: EntityTable<YoungPerson, 'id'>;
  goals!: EntityTable<Goal, 'id'>;
  sessions!: EntityTable<Session, 'id'>;
  ratings!: EntityTable<Rating, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  closures!: EntityTable<Closure, 'id'>;
  resilienceMaps!: EntityTable<ResilienceMap, 'id'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    // Every version stays declared, each with its upgrade (see ./schema.ts).
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
  }
}

let instance: CoachingDatabase | null = null;

/** The shared database, opened lazily. */
export function getDb(): CoachingDatabase {
  instance ??= new CoachingDatabase();
  return instance;
}

import Dexie, { type EntityTable } from 'dexie';
import type { Goal, Rating, Session, Setting, YoungPerson } from '../domain/schemas';
import { DATABASE_NAME, SCHEMA_V1 } from './schema';

/** The app's one IndexedDB database. All writes go through the repositories in ./repositories. */
export class CoachingDatabase extends Dexie {
  youngPeople!: EntityTable<YoungPerson, 'id'>;
  goals!: EntityTable<Goal, 'id'>;
  sessions!: EntityTable<Session, 'id'>;
  ratings!: EntityTable<Rating, 'id'>;
  settings!: EntityTable<Setting, 'key'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
  }
}

let instance: CoachingDatabase | null = null;

/** The shared database, opened lazily. */
export function getDb(): CoachingDatabase {
  instance ??= new CoachingDatabase();
  return instance;
}

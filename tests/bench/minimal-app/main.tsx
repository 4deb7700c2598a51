/**
 * The yardstick for the first-screen bundle budget (tests/bench/bundle-size.mjs): the app's
 * core libraries doing the least real work. React renders, through a react-router data
 * router, one list read live from IndexedDB with Dexie, and a zustand store holds a filter.
 * It is built by the same Vite, in the same run, as the real app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Link, Outlet, RouterProvider } from 'react-router-dom';
import Dexie, { type EntityTable } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { create } from 'zustand';

interface Person {
  id: string;
  name: string;
}

class MinimalDatabase extends Dexie {
  people!: EntityTable<Person, 'id'>;
  constructor() {
    super('minimal-app');
    this.version(1).stores({ people: 'id, name' });
  }
}

const db = new MinimalDatabase();

const useFilter = create<{ query: string; setQuery: (query: string) => void }>((set) => ({
  query: '',
  setQuery: (query) => set({ query }),
}));

function PeopleList() {
  const people = useLiveQuery(() => db.people.orderBy('name').toArray(), []);
  const { query, setQuery } = useFilter();
  if (people === undefined) return <p role="status">Loading…</p>;
  const shown = people.filter((p) => p.name.toLowerCase().includes(query.toLowerCase()));
  return (
    <>
      <h1>People</h1>
      <label>
        Search <input value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      {shown.length === 0 ? (
        <p data-first-screen>No one here yet.</p>
      ) : (
        <ul data-first-screen>
          {shown.map((p) => (
            <li key={p.id}>
              <Link to={`/people/${p.id}`}>{p.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Layout() {
  return (
    <main>
      <Outlet />
    </main>
  );
}

const router = createBrowserRouter([
  { path: '/', element: <Layout />, children: [{ index: true, element: <PeopleList /> }] },
]);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);

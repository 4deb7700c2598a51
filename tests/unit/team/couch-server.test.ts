/**
 * The test CouchDB server itself (tests/support/couch-server.ts): on 127.0.0.1, with its admin
 * and nobody else an admin, and gone once stopped.
 */
import { describe, expect, it } from 'vitest';
import { basicAuth, startCouchServer } from '../../support/couch-server';

describe('the test CouchDB server', () => {
  it('serves on 127.0.0.1, lets only its admin administer, and stops', async () => {
    const server = await startCouchServer({ admin: { name: 'root', password: 'a test password' } });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const config = (headers: Record<string, string>) =>
        fetch(`${server.url}/_config`, { headers }).then((response) => response.status);
      expect(await config({ authorization: basicAuth(server.admin) })).toBe(200);
      expect(await config({})).toBe(401);
      expect(await config({ authorization: basicAuth({ name: 'root', password: 'not it' }) })).toBe(
        401,
      );
    } finally {
      await server.stop();
    }
    const afterStop = await fetch(`${server.url}/`).then(
      () => 'answered',
      () => 'no answer',
    );
    expect(afterStop).toBe('no answer');
    await server.stop(); // a second stop is harmless
  });

  it('starts two servers side by side on different ports', async () => {
    const [one, two] = await Promise.all([startCouchServer(), startCouchServer()]);
    try {
      expect(one.url).not.toBe(two.url);
      expect(one.admin.password).not.toBe(two.admin.password);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
  });
});

/**
 * The app's IndexedDB database, with promises. IndexedDB rather than localStorage because queued
 * actions must survive the app being closed, and a write here is atomic and asynchronous.
 */

const NAME = 'sparrow';
const VERSION = 1;
export const OUTBOX = 'outbox';

let opening = null;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(OUTBOX)) {
          db.createObjectStore(OUTBOX, { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return opening;
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function store(name, mode) {
  const db = await open();
  return db.transaction(name, mode).objectStore(name);
}

export async function put(name, value) {
  return done((await store(name, 'readwrite')).put(value));
}

export async function remove(name, key) {
  return done((await store(name, 'readwrite')).delete(key));
}

export async function get(name, key) {
  return done((await store(name, 'readonly')).get(key));
}

/** All rows, oldest first. */
export async function all(name) {
  return done((await store(name, 'readonly')).index('createdAt').getAll());
}

// What Feelmap keeps in this browser belongs to one signed-in session and ends with it.
//
// The server renders a random id for the current session into <meta name="feelmap-store">
// (empty when nobody is signed in). Every key Feelmap writes is "feelmap:<id>:<name>". On every
// page, any feelmap key that is not under the current id is deleted: so the sign-in page, the
// page after signing out and the page a timed-out person lands on (all signed out) clear
// everything, and a draft left by another session is never read, let alone shown.
const OURS = /^feelmap/;

function currentId() {
  const meta = document.querySelector('meta[name="feelmap-store"]');
  return meta ? meta.content.trim() : "";
}

function storage() {
  try { return window.localStorage; } catch { return null; }
}

// The storage key for `name` in this session, or null when nobody is signed in.
export function scopedKey(name) {
  const id = currentId();
  return id ? `feelmap:${id}:${name}` : null;
}

// Every key this session may read (its own), as [fullKey, shortName] pairs.
export function ownKeys() {
  const store = storage();
  const id = currentId();
  if (!store || !id) return [];
  const prefix = `feelmap:${id}:`;
  return Object.keys(store).filter((key) => key.startsWith(prefix)).map((key) => [key, key.slice(prefix.length)]);
}

// Remove every Feelmap key that does not belong to the current session (all of them when
// nobody is signed in).
export function forgetOthers() {
  const store = storage();
  if (!store) return;
  const id = currentId();
  const prefix = id ? `feelmap:${id}:` : null;
  for (const key of Object.keys(store)) {
    if (OURS.test(key) && (!prefix || !key.startsWith(prefix))) {
      try { store.removeItem(key); } catch { /* ignore */ }
    }
  }
}

// Remove every Feelmap key, this session's too.
export function forgetAll() {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) {
    if (OURS.test(key)) {
      try { store.removeItem(key); } catch { /* ignore */ }
    }
  }
}

forgetOthers();
// Signing out clears this browser before the request leaves (the server also asks the browser
// to clear its storage, but not every browser honours that header).
document.addEventListener("submit", (event) => {
  if (event.target instanceof HTMLFormElement && "signOut" in event.target.dataset) forgetAll();
}, true);

// Autosave: the form's state goes to the server (Draft) and to localStorage as the person works,
// and comes back after a reload or a crash. Saving the check-in clears it. The browser copy is
// filed under this session's id (../feelmap/store.js), so it never outlives the session and is
// never shown to anyone else signed in on this browser.
//
// Saving the form (or letting the draft go) must reach the server after every autosave: one
// handled later would store a draft of what was just saved, offered back on the next visit. So
// a waiting autosave is dropped, one under way is waited for, none starts afterwards
// (../feelmap/autosave-order.js); and each autosave carries the page's id (its hidden
// "draft_page", sent with the form too), so the server refuses one that comes late anyway
// (checkins.services.draft_save).
import { autosaveOrder } from "../feelmap/autosave-order.js";
import { ownKeys, scopedKey } from "../feelmap/store.js";

const NAME = "draft:";
const SKIP = new Set(["csrfmiddlewaretoken", "action", "draft_page"]);

export function serialise(form) {
  const fields = {};
  for (const element of form.elements) {
    if (!element.name || SKIP.has(element.name)) continue;
    if (!(element.name in fields)) fields[element.name] = [];
    if ((element.type === "checkbox" || element.type === "radio")) {
      if (element.checked) fields[element.name].push(element.value);
    } else {
      fields[element.name].push(element.value);
    }
  }
  return fields;
}

export function restore(form, fields) {
  for (const element of form.elements) {
    if (!element.name || SKIP.has(element.name) || !(element.name in fields)) continue;
    const values = fields[element.name];
    if (element.type === "checkbox" || element.type === "radio") element.checked = values.includes(element.value);
    else element.value = values[0] ?? "";
  }
  for (const element of form.elements) {
    if (!element.name || SKIP.has(element.name)) continue;
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

const storageKey = (key) => scopedKey(NAME + key);
const readLocal = (key) => {
  const name = storageKey(key);
  if (!name) return null;
  try { return JSON.parse(localStorage.getItem(name)); } catch { return null; }
};
const writeLocal = (key, value) => {
  const name = storageKey(key);
  if (!name) return;  // nobody signed in: keep nothing in this browser
  try { localStorage.setItem(name, JSON.stringify(value)); } catch { /* private mode: the server copy remains */ }
};
const removeLocal = (key) => {
  const name = storageKey(key);
  if (!name) return;
  try { localStorage.removeItem(name); } catch { /* ignore */ }
};

export function clearSubmittedDrafts() {
  try {
    for (const [full, name] of ownKeys()) {
      if (name.startsWith(NAME) && JSON.parse(localStorage.getItem(full))?.submitted) localStorage.removeItem(full);
    }
  } catch { /* nothing to clear */ }
}

export function enhanceDraft(form, serverDraft) {
  const key = form.dataset.draftKey;
  const url = form.dataset.draftUrl;
  const status = form.querySelector("[data-draft-status]");
  const token = () => form.querySelector("[name=csrfmiddlewaretoken]").value;
  const order = autosaveOrder();
  let timer = null;
  let restoring = false;

  async function save() {
    if (order.closed) return;
    const state = { fields: serialise(form), saved_at: new Date().toISOString() };
    writeLocal(key, state);
    const page = form.elements.draft_page?.value;
    const sent = page ? { ...state, page } : state;
    try {
      const response = await order.track(fetch(url, {
        method: "PUT", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token() },
        body: JSON.stringify(sent),
      }));
      status.textContent = response.ok
        ? `Draft saved at ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}.`
        : "Draft kept on this device only.";
    } catch {
      status.textContent = "Draft kept on this device only (no connection).";
    }
  }
  const schedule = () => {
    if (restoring) return;
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  };
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    writeLocal(key, { fields: serialise(form), saved_at: new Date().toISOString(), submitted: true });
    order.hold(event);
  });

  // Restore only on a fresh page: after a failed save the page already shows what was sent.
  if (!("fresh" in form.dataset)) return;
  const local = readLocal(key);
  const server = serverDraft && serverDraft.payload && serverDraft.payload.fields ? serverDraft.payload : null;
  let chosen = server;
  if (local && !local.submitted && (!server || local.saved_at > server.saved_at)) chosen = local;
  if (local && local.submitted && !server) removeLocal(key);
  if (!chosen) return;
  restoring = true;
  restore(form, chosen.fields);
  restoring = false;
  const notice = document.querySelector("[data-draft-notice]");
  if (notice) {
    const when = new Date(chosen.saved_at);
    notice.querySelector("[data-draft-text]").textContent =
      `We brought back what you started${Number.isNaN(when.getTime()) ? "" : ` at ${when.toLocaleString([], { dateStyle: "medium", timeStyle: "short" })}`}. Carry on where you left off.`;
    notice.hidden = false;
    notice.querySelector("[data-draft-discard]").addEventListener("click", async () => {
      clearTimeout(timer);
      await order.settle();  // an autosave answered after this would bring the draft back
      removeLocal(key);
      try {
        await fetch(url, { method: "DELETE", credentials: "same-origin", headers: { "X-CSRFToken": token() } });
      } finally {
        window.location.reload();
      }
    });
  }
}

// Autosave while typing: a debounced POST of the whole draft to the server (stored encrypted).
// If the server can't be reached, or the page closes before a save, the draft is kept in this
// browser's storage and brought back on the next visit; it is removed once the server has it.
// The browser copy is filed under this session's id (../feelmap/store.js): it never outlives the
// session and is never shown to anyone else signed in on this browser.
//
// Saving the entry (or clearing the draft) must reach the server after every autosave: one
// handled later would store a draft of words already saved, offered back on the next visit. So
// a waiting autosave is dropped, one under way is waited for, none starts afterwards
// (../feelmap/autosave-order.js); and each autosave carries the page's id (its hidden
// "draft_page", sent with the form too), so the server refuses one that comes late anyway
// (journal.services.save_draft).
import { autosaveOrder } from "../feelmap/autosave-order.js";
import { scopedKey } from "../feelmap/store.js";

const DELAY_MS = 1000;
const RETRY_MS = 10000;

function time(date) {
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function setupAutosave(form, { minutesSpent }) {
  const url = form.dataset.draftUrl;
  const key = form.dataset.draftKey;
  const storageKey = scopedKey(`journal-draft:${key}`);
  const csrf = form.querySelector('[name="csrfmiddlewaretoken"]').value;
  const status = document.getElementById("save-status");
  const steps = () => [...form.querySelectorAll('textarea[name^="step_"]')];
  const order = autosaveOrder();
  let timer = null;
  let dirty = false;

  function collect() {
    let sources = {};
    try { sources = JSON.parse(form.elements.label_sources.value || "{}"); } catch { sources = {}; }
    return {
      key,
      prompt_id: form.elements.prompt_id.value,
      title: form.elements.title.value,
      body: form.elements.body.value,
      steps: steps().map((s) => s.value),
      labels: form.elements.labels.value,
      label_sources: sources,
      minutes_spent: minutesSpent(),
    };
  }

  function keepLocally(data) {
    if (!storageKey) return;  // nobody signed in: keep nothing in this browser
    try { localStorage.setItem(storageKey, JSON.stringify({ savedAt: Date.now(), data })); } catch { /* storage full or blocked */ }
  }
  function forgetLocally() {
    if (!storageKey) return;
    try { localStorage.removeItem(storageKey); } catch { /* ignore */ }
  }

  async function save({ keepalive = false } = {}) {
    clearTimeout(timer);
    if (!dirty || order.closed) return;
    dirty = false;
    const data = collect();
    const page = form.elements.draft_page?.value;
    try {
      const response = await order.track(fetch(url, {
        method: "POST",
        credentials: "same-origin",
        keepalive,
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(page ? { ...data, page } : data),
      }));
      if (response.status === 409) return;  // this page's form was sent: no draft is wanted
      if (!response.ok) throw new Error(String(response.status));
      forgetLocally();
      status.textContent = `Saved ${time(new Date())}.`;
    } catch {
      dirty = true;
      keepLocally(data);
      status.textContent = "Couldn't reach Feelmap just now. Your words are kept in this browser, and saving will try again.";
      timer = setTimeout(save, RETRY_MS);
    }
  }

  function schedule() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, DELAY_MS);
  }

  function fill(data) {
    for (const name of ["title", "body", "labels"]) {
      if (typeof data[name] === "string") form.elements[name].value = data[name];
    }
    steps().forEach((field, i) => { if (typeof (data.steps || [])[i] === "string") field.value = data.steps[i]; });
    if (data.label_sources && typeof data.label_sources === "object") {
      form.elements.label_sources.value = JSON.stringify(data.label_sources);
    }
  }

  function restoreFromBrowser() {
    if (!storageKey) return;
    let local = null;
    try { local = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch { local = null; }
    if (!local || !local.data) return;
    const serverNode = document.getElementById("journal-draft");
    const server = serverNode ? JSON.parse(serverNode.textContent) : null;
    if (server && Date.parse(server.saved_at) >= local.savedAt) { forgetLocally(); return; }
    const current = collect();
    if (local.data.body === current.body && local.data.title === current.title
        && JSON.stringify(local.data.steps || []) === JSON.stringify(current.steps)) {
      return;
    }
    fill(local.data);
    status.textContent = "We brought back what you were writing in this browser.";
    schedule();
  }

  form.addEventListener("input", schedule);
  form.addEventListener("submit", (event) => {
    clearTimeout(timer);
    forgetLocally();
    order.hold(event);
  });
  // "Clear the draft and start again" is a form of its own: it too goes after the autosaves.
  const discard = document.querySelector("form.discard");
  if (discard) {
    discard.addEventListener("submit", (event) => {
      clearTimeout(timer);
      forgetLocally();
      order.hold(event);
    });
  }
  window.addEventListener("pagehide", () => {
    if (dirty && !order.closed) {
      keepLocally(collect());
      save({ keepalive: true });
    }
  });
  restoreFromBrowser();
  return { schedule, collect };
}

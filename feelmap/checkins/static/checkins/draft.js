// Autosave: the form's state goes to the server (Draft) and to localStorage as the person works,
// and comes back after a reload or a crash. Saving the check-in clears it.
const PREFIX = "feelmap-draft:";
const SKIP = new Set(["csrfmiddlewaretoken", "action"]);

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

const readLocal = (key) => {
  try { return JSON.parse(localStorage.getItem(PREFIX + key)); } catch { return null; }
};
const writeLocal = (key, value) => {
  try { localStorage.setItem(PREFIX + key, JSON.stringify(value)); } catch { /* private mode: the server copy remains */ }
};

export function clearSubmittedDrafts() {
  try {
    for (const name of Object.keys(localStorage)) {
      if (name.startsWith(PREFIX) && JSON.parse(localStorage.getItem(name))?.submitted) localStorage.removeItem(name);
    }
  } catch { /* nothing to clear */ }
}

export function enhanceDraft(form, serverDraft) {
  const key = form.dataset.draftKey;
  const url = form.dataset.draftUrl;
  const status = form.querySelector("[data-draft-status]");
  const token = () => form.querySelector("[name=csrfmiddlewaretoken]").value;
  let timer = null;
  let restoring = false;

  async function save() {
    const state = { fields: serialise(form), saved_at: new Date().toISOString() };
    writeLocal(key, state);
    try {
      const response = await fetch(url, {
        method: "PUT", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token() },
        body: JSON.stringify(state),
      });
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
  form.addEventListener("submit", () => {
    clearTimeout(timer);
    writeLocal(key, { fields: serialise(form), saved_at: new Date().toISOString(), submitted: true });
  });

  // Restore only on a fresh page: after a failed save the page already shows what was sent.
  if (!("fresh" in form.dataset)) return;
  const local = readLocal(key);
  const server = serverDraft && serverDraft.payload && serverDraft.payload.fields ? serverDraft.payload : null;
  let chosen = server;
  if (local && !local.submitted && (!server || local.saved_at > server.saved_at)) chosen = local;
  if (local && local.submitted && !server) try { localStorage.removeItem(PREFIX + key); } catch { /* ignore */ }
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
      try { localStorage.removeItem(PREFIX + key); } catch { /* ignore */ }
      try {
        await fetch(url, { method: "DELETE", credentials: "same-origin", headers: { "X-CSRFToken": token() } });
      } finally {
        window.location.reload();
      }
    });
  }
}

// Save the safety plan a moment after the person stops typing, so nothing is ever lost.
// Each save says which version of the plan it started from. If another tab or device saved in
// between, the server keeps both safe and answers 409: autosave pauses and the page shows the
// two versions side by side, and the person chooses which one to keep.
const form = document.getElementById("safety-plan");
const status = form?.querySelector("[data-autosave-status]");
const panel = document.querySelector("[data-conflict]");
let timer = null;
let saving = false;  // one save at a time, so each one starts from the version the last one made
let again = false;
let paused = Boolean(panel && !panel.hidden);  // while the person chooses between two versions

const versionInput = () => form.querySelector('input[name="version"]');

function answersOf(text) {
  return text.split("\n").map((line) => line.trim()).filter((line) => line !== "");
}

function fillVersion(list, sections) {
  list.replaceChildren();
  for (const section of sections) {
    const title = document.createElement("dt");
    title.textContent = section.title;
    list.append(title);
    if (section.answers.length === 0) {
      const empty = document.createElement("dd");
      empty.className = "empty";
      empty.textContent = "Nothing written";
      list.append(empty);
    }
    for (const answer of section.answers) {
      const item = document.createElement("dd");
      item.textContent = answer;
      list.append(item);
    }
  }
}

function showConflict(current) {
  paused = true;
  const mine = current.sections.map((section) => ({
    title: section.title,
    answers: answersOf(form.elements[section.key]?.value || ""),
  }));
  fillVersion(panel.querySelector("[data-conflict-mine]"), mine);
  fillVersion(panel.querySelector("[data-conflict-saved]"), current.sections);
  panel.querySelector("[data-conflict-when]").textContent = ` at ${current.at}`;
  panel.hidden = false;
  panel.dataset.version = String(current.version);
  panel.currentPlan = current;
  status.textContent = "Not saved yet: your plan was also changed somewhere else. Please choose which version to keep.";
  panel.focus();
}

function closeConflict(message) {
  versionInput().value = panel.dataset.version;
  panel.hidden = true;
  paused = false;
  status.textContent = message;
}

async function save() {
  if (paused) return;
  if (saving) { again = true; return; }
  saving = true;
  try {
    const response = await fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    const body = await response.json();
    if (response.ok) {
      versionInput().value = String(body.version);
      status.textContent = `Saved at ${body.at}.`;
    } else if (response.status === 409 && body.conflict && panel) {
      showConflict(body.current);
    } else {
      const first = Object.values(body.fields || {})[0];
      status.textContent = `Not saved yet: ${first ? first[0] : "please check your plan"}`;
    }
  } catch (error) {
    status.textContent = "Couldn't save just now. Your writing is still here; press \u201cSave my plan\u201d to try again.";
  } finally {
    saving = false;
    if (again) { again = false; save(); }
  }
}

if (form) {
  const later = () => { clearTimeout(timer); timer = setTimeout(save, 800); };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
}

if (form && panel) {
  panel.querySelector("[data-keep-mine]").addEventListener("click", (event) => {
    if (!panel.currentPlan) return;  // shown by the server (no script run yet): submit the form
    event.preventDefault();
    closeConflict("Keeping the version on this page\u2026");
    save();
  });
  panel.querySelector("[data-use-saved]").addEventListener("click", (event) => {
    const current = panel.currentPlan;
    if (!current) return;  // the link reloads the page with the saved version
    event.preventDefault();
    // Clicking here blurred a box, whose "change" queued an autosave: the boxes now hold the
    // saved version, so that save would only raise the version and give the other tab a
    // conflict for nothing.
    clearTimeout(timer);
    again = false;
    for (const section of current.sections) {
      const box = form.elements[section.key];
      if (box) box.value = section.answers.join("\n");
    }
    closeConflict(`Showing the version saved at ${current.at}. Nothing else was changed.`);
    form.elements[current.sections[0].key]?.focus();
  });
}

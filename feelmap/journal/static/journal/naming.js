// Naming help while writing: asks the server (800 ms after typing stops) which feeling words
// the text already uses, which vague words could be more precise, and which words might fit.
// Adding a word puts it in the entry's feeling words; the person's text is never changed.

import { careNote } from "../checkins/care.js";

const DELAY_MS = 800;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function splitLabels(value) {
  return value.split(",").map((w) => w.trim().replace(/\s+/g, " ")).filter(Boolean);
}

export function setupNaming(form, { onLabelsChanged }) {
  const panel = document.getElementById("naming");
  if (!panel) return;
  panel.hidden = false;
  const url = form.dataset.analyseUrl;
  const csrf = form.querySelector('[name="csrfmiddlewaretoken"]').value;
  const labelsInput = form.elements.labels;
  const sourcesInput = form.elements.label_sources;
  const announce = document.getElementById("naming-status");
  const crisisUrl = (document.querySelector("a.help-link") || {}).href || "/help/";
  const textFields = () => [...form.querySelectorAll('textarea[name^="step_"]'), form.elements.body];
  const parts = {
    empty: document.getElementById("naming-empty"),
    used: document.getElementById("used-section"),
    preview: document.getElementById("used-preview"),
    usedList: document.getElementById("used-list"),
    vague: document.getElementById("vague-section"),
    vagueList: document.getElementById("vague-list"),
    suggest: document.getElementById("suggest-section"),
    suggestList: document.getElementById("suggest-list"),
  };
  let timer = null;
  let controller = null;

  const chosen = () => splitLabels(labelsInput.value).map((w) => w.toLowerCase());

  function sources() {
    try { return JSON.parse(sourcesInput.value || "{}") || {}; } catch { return {}; }
  }

  function markAdded(button) {
    button.setAttribute("aria-disabled", "true");
    button.classList.add("added");
    button.querySelector(".button-text").textContent = "Added";
  }

  function addLabel(word, source, button) {
    if (chosen().includes(word.toLowerCase())) {
      announce.textContent = `“${word}” is already one of this entry's feeling words.`;
      if (button) markAdded(button);
      return;
    }
    const words = splitLabels(labelsInput.value);
    words.push(word);
    labelsInput.value = words.join(", ");
    const map = sources();
    map[word] = source;
    sourcesInput.value = JSON.stringify(map);
    announce.textContent = `Added “${word}” as a feeling word for this entry. Your text is unchanged.`;
    if (button) markAdded(button);
    panel.querySelectorAll(`button[data-word="${CSS.escape(word)}"]`).forEach(markAdded);
    onLabelsChanged();
  }

  function addButton(item, source, text = "Add") {
    const already = chosen().includes(item.word.toLowerCase());
    const button = el("button", {
      type: "button", className: `secondary small-button${already ? " added" : ""}`,
      "data-word": item.word, "data-source": source, "aria-disabled": already ? "true" : null,
    }, el("span", { className: "button-text" }, already ? "Added" : text),
    el("span", { className: "sr-only" }, ` “${item.word}” as a feeling word for this entry`));
    return button;
  }

  function wordTitle(item) {
    const name = item.url ? el("a", { href: item.url }, item.word) : item.word;
    return [el("strong", {}, name), " ", el("span", { className: "family" }, item.family_label)];
  }

  function render(result) {
    parts.preview.replaceChildren(...result.segments.map((s) => {
      if (!s.word) return document.createTextNode(s.text);
      const mark = el("mark", { className: s.negated ? "negated" : s.family }, s.text);
      const note = el("span", { className: "sr-only" }, ` (${s.negated ? "written with “not”, " : ""}${s.family_label})`);
      const wrap = document.createDocumentFragment();
      wrap.append(mark, note);
      return wrap;
    }));
    // A heavy word (hopeless, worthless...) gets its kind note and the way to help beside it.
    parts.usedList.replaceChildren(...result.words_used.map((item) => el("li", {},
      ...wordTitle(item), el("p", { className: "definition" }, item.definition),
      careNote({ note: item.note, offerHelp: item.offer_help }, crisisUrl),
      addButton(item, "highlight"))));
    parts.used.hidden = result.highlights.length === 0;

    parts.vagueList.replaceChildren(...result.vague.map((v) => el("div", { className: "vague" },
      el("p", {}, `You wrote “${v.word}”. ${v.question}`),
      el("ul", { className: "alt-list" }, ...v.alternatives.map((a) => el("li", {}, addButton(a, "suggestion", a.word)))))));
    parts.vague.hidden = result.vague.length === 0;

    parts.suggestList.replaceChildren(...result.suggestions.map((item) => el("li", {},
      ...wordTitle(item), el("p", { className: "definition" }, item.definition),
      el("p", { className: "why small" }, `Why: ${item.why}`),
      addButton(item, "suggestion"))));
    parts.suggest.hidden = result.suggestions.length === 0;
    parts.empty.hidden = !(parts.used.hidden && parts.vague.hidden && parts.suggest.hidden);
  }

  async function analyse() {
    const text = textFields().map((f) => f.value).filter((v) => v.trim()).join("\n\n");
    if (controller) controller.abort();
    if (!text.trim()) {
      render({ segments: [], highlights: [], words_used: [], vague: [], suggestions: [] });
      return;
    }
    controller = new AbortController();
    const body = { text, labels: chosen() };
    if (form.dataset.entry) body.entry = form.dataset.entry;
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        signal: controller.signal,
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(body),
      });
      if (!response.ok) return;
      render(await response.json());
      panel.dataset.ready = "true";
    } catch {
      // Offline or superseded by newer typing: keep what is shown; the next pause tries again.
    }
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(analyse, DELAY_MS);
  }

  panel.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-word]");
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    addLabel(button.dataset.word, button.dataset.source, button);
  });
  form.addEventListener("input", (event) => {
    if (event.target.tagName === "TEXTAREA") schedule();
  });
  if (textFields().some((f) => f.value.trim())) analyse();
}

// Naming: a drill-down wheel (family -> word -> nuance), search, "not sure" and suggestions.
// Chosen words go into the ordinary word fields (slots), so saving needs no script.
import { readMarks } from "./bodymap.js";
import { careNote } from "./care.js";

const el = (tag, attrs = {}, text = "") => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
};

export function enhanceNaming(root, data) {
  if (root.dataset.enhanced) return;
  root.dataset.enhanced = "1";
  const form = root.closest("form");
  const status = root.querySelector("[data-naming-status]");
  const slots = [...root.querySelectorAll("[data-slot]")];
  // Body states (tired, hungry, in pain...) are valid words but not feelings: off the wheel,
  // found by search with a note on how each differs from the feeling it is mixed up with.
  const bodyStates = data.body || [];
  const byWord = new Map([...data.words, ...bodyStates].map((w) => [w.w, w]));
  const children = new Map();
  for (const w of data.words) if (w.p) children.set(w.p, [...(children.get(w.p) || []), w]);
  const crisisUrl = (document.querySelector("a.help-link") || {}).href || "/help/";
  let refining = null; // the slot whose word the next nuance replaces

  const inputOf = (slot) => slot.querySelector("[data-slot-word]");
  const say = (text) => { status.textContent = text; };
  const updateClears = () => {
    for (const slot of slots) slot.querySelector("[data-slot-clear]").hidden = !inputOf(slot).value.trim();
  };

  function put(word, { replace = false } = {}) {
    let slot = replace && refining ? refining : slots.find((s) => !inputOf(s).value.trim());
    if (!slot && slots.length === 1) slot = slots[0];
    if (!slot) { say("You have chosen three words. Clear one to add another."); return null; }
    if (slots.some((s) => s !== slot && inputOf(s).value.trim().toLowerCase() === word)) {
      say(`${word} is already one of your words.`);
      return null;
    }
    const input = inputOf(slot);
    input.value = word;
    slot.querySelector("[data-slot-own]").checked = false;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    refining = slot;
    updateClears();
    say(`Added ${word}.`);
    return slot;
  }

  // --- the wheel -----------------------------------------------------------------------
  const wheel = root.querySelector("[data-wheel]");
  const familiesBox = root.querySelector("[data-wheel-families]");
  const wordsBox = root.querySelector("[data-wheel-words]");
  const search = root.querySelector("[data-wheel-search]");
  wheel.hidden = false;

  function wordButton(w, hint) {
    const b = el("button", { type: "button", class: "chip-button", "data-word": w.w, title: w.d }, w.w);
    if (hint) b.append(el("span", { class: "sr-only" }, ` ${hint}`));
    b.addEventListener("click", () => {
      const nuance = hint === "(more precise)";
      if (put(w.w, { replace: nuance })) { showChildren(w); showCare(w); }
    });
    return b;
  }

  // A kind word beside heavy feelings (hopeless, worthless...), and the way to help.
  function showCare(w) {
    const box = careNote({ note: w.n, offerHelp: Boolean(w.h) }, crisisUrl);
    if (box) wordsBox.append(box);
  }

  function showBodyStates(found) {
    for (const w of found) {
      const box = el("div", { class: "notice body-state" });
      box.append(el("p", {}, `“${w.w}” is a body state, not a feeling: ${w.d} It matters, and it can come with a feeling or be mistaken for one.`));
      const ul = el("ul");
      for (const line of w.x || []) ul.append(el("li", {}, line));
      box.append(ul);
      const add = el("button", { type: "button", class: "chip-button", "data-word": w.w }, `Add “${w.w}” anyway`);
      add.addEventListener("click", () => { put(w.w); });
      box.append(add);
      wordsBox.append(box);
    }
  }

  function showList(title, words, hint) {
    wordsBox.replaceChildren();
    if (!words.length) return;
    wordsBox.append(el("p", { class: "wheel-step" }, title));
    const box = el("div", { class: "chips", role: "group", "aria-label": title });
    for (const w of words) box.append(wordButton(w, hint));
    wordsBox.append(box);
  }

  function showChildren(w) {
    const more = children.get(w.w) || [];
    if (more.length) showList(`More precise than “${w.w}”: tap one to use it instead.`, more, "(more precise)");
    else wordsBox.replaceChildren(el("p", { class: "wheel-step" }, `“${w.w}”: ${w.d}`));
  }

  for (const fam of data.families) {
    const b = el("button", { type: "button", class: "chip-button family", "aria-pressed": "false" }, fam.label);
    b.addEventListener("click", () => {
      for (const other of familiesBox.querySelectorAll("button")) other.setAttribute("aria-pressed", "false");
      b.setAttribute("aria-pressed", "true");
      const tops = (fam.roots || [fam.word]).map((w) => byWord.get(w)).filter(Boolean);
      showList(`${fam.label}: ${fam.description} Choose a word.`, tops.flatMap((t) => [t, ...(children.get(t.w) || [])]));
    });
    familiesBox.append(b);
  }

  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase();
    if (!q) { wordsBox.replaceChildren(); return; }
    const found = data.words
      .filter((w) => w.w.includes(q) || w.d.toLowerCase().includes(q))
      .sort((a, b) => Number(!a.w.startsWith(q)) - Number(!b.w.startsWith(q)) || a.l - b.l)
      .slice(0, 12);
    const states = bodyStates.filter((w) => w.w.includes(q) || (q.length > 3 && w.w.startsWith(q.slice(0, 4))));
    if (found.length) showList(`${found.length} word${found.length === 1 ? "" : "s"} for “${q}”.`, found);
    else if (states.length) wordsBox.replaceChildren();
    else wordsBox.replaceChildren(el("p", { class: "wheel-step" }, `No word in the list matches “${q}”. You can type it in a word box as your own word.`));
    showBodyStates(states);
  });
  search.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });

  for (const slot of slots) {
    slot.querySelector("[data-slot-clear]").addEventListener("click", () => {
      const input = inputOf(slot);
      input.value = "";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      updateClears();
      input.focus();
      say("Word cleared.");
    });
    inputOf(slot).addEventListener("input", updateClears);
    inputOf(slot).addEventListener("change", () => {
      // A typed word that is not in the list is kept as the person's own word.
      const value = inputOf(slot).value.trim().toLowerCase();
      if (value && !byWord.has(value)) slot.querySelector("[data-slot-own]").checked = true;
    });
  }
  updateClears();

  // The whole wheel (a disclosure drawn on the server): each word is a link to its page, and
  // here choosing it puts it in the next free word box instead, as the chips do.
  const whole = root.querySelector("[data-wheel-whole]");
  if (whole) {
    whole.addEventListener("click", (event) => {
      const segment = event.target.closest("a[data-word]");
      if (!segment) return;
      event.preventDefault();
      const word = segment.dataset.word;
      const w = byWord.get(word);
      if (put(word) && w) { showChildren(w); showCare(w); }
    });
  }

  // --- not sure, and suggestions ---------------------------------------------------------
  const notSure = root.querySelector("[data-not-sure]");
  const panel = root.querySelector("[data-bodyscan]");
  const showPanel = () => { panel.hidden = !notSure.checked; };
  notSure.addEventListener("change", showPanel);
  showPanel();

  const list = root.querySelector("[data-suggestion-list]");
  const suggestButton = root.querySelector("[data-suggest]");
  const csrf = () => (form.querySelector('[name="csrfmiddlewaretoken"]') || {}).value || "";

  function whatIsMarked() {
    const bodymap = form.querySelector("[data-bodymap]");
    const value = (name) => (form.querySelector(`[name="${name}"]`) || {}).value || "";
    return {
      sensations: bodymap ? readMarks(bodymap) : [],
      pleasantness: value("pleasantness"), energy: value("energy"), note: value("note"),
    };
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }

  // "More like X, or more like Y?" when two families are close. Answering keeps the answer
  // (so later suggestions lean the way this person usually means) and turns the list toward it.
  function contrastQuestion(c) {
    const box = el("fieldset", { class: "contrast-question", "data-contrast": "" });
    box.append(el("legend", {}, c.question));
    box.append(el("p", { class: "small" }, "If one is closer, choose it and the words below will lean that way. Your answer is kept to help later suggestions fit you."));
    const buttons = el("div", { class: "chips" });
    const choices = [[c.family_a, `More like “${c.word_a}”`], [c.family_b, `More like “${c.word_b}”`], ["not_sure", "Not sure"]];
    for (const [chosen, label] of choices) {
      const b = el("button", { type: "button", class: "chip-button", "data-contrast-choice": chosen }, label);
      b.addEventListener("click", () => answer(c, chosen, box));
      buttons.append(b);
    }
    box.append(buttons);
    return box;
  }

  function show(result, { focus = false } = {}) {
    const found = result.suggestions || [];
    list.replaceChildren();
    if (!found.length) {
      list.append(el("p", {}, "There isn't enough to go on yet. Mark something on the body map or the grid, then ask again. “Not sure” is still a fine answer."));
      return;
    }
    if (result.contrast) list.append(contrastQuestion(result.contrast));
    list.append(el("p", {}, "Some words that might fit. Tap one to add it; none of them has to fit."));
    const ul = el("ul", { class: "suggestion-list" });
    for (const s of found) {
      const li = el("li", { "data-family": s.family });
      const b = el("button", { type: "button", class: "chip-button", "data-suggested": s.word }, `Add “${s.word}”`);
      b.addEventListener("click", () => { if (put(s.word)) b.disabled = true; });
      li.append(b, el("span", { class: "small" }, ` ${s.why}`));
      ul.append(li);
    }
    list.append(ul);
    if (focus) ul.querySelector("button").focus();
  }

  async function answer(c, chosen, box) {
    for (const b of box.querySelectorAll("button")) b.disabled = true;
    try {
      const result = await post(root.dataset.contrastUrl, {
        ...whatIsMarked(), answer: { family_a: c.family_a, family_b: c.family_b, chosen },
      });
      show(result, { focus: true });
      const word = chosen === c.family_a ? c.word_a : chosen === c.family_b ? c.word_b : "";
      say(word ? `Thank you. Words closer to “${word}” are now first.` : "Thank you. Not sure is a fine answer.");
    } catch {
      for (const b of box.querySelectorAll("button")) b.disabled = false;
      say("That answer could not be kept just now. The suggestions are still here.");
    }
  }

  async function suggest() {
    list.replaceChildren(el("p", {}, "Looking for words…"));
    try {
      show(await post(root.dataset.suggestUrl, whatIsMarked()));
    } catch {
      list.replaceChildren(el("p", {}, "Suggestions could not be loaded just now. Your check-in is safe; you can still type any word."));
    }
  }
  suggestButton.addEventListener("click", (event) => { event.preventDefault(); suggest(); });
  root.addEventListener("bodyscan:done", () => suggest());
}

const dataNode = document.getElementById("naming-data");
if (dataNode) {
  const data = JSON.parse(dataNode.textContent);
  for (const root of document.querySelectorAll("[data-naming]")) enhanceNaming(root, data);
}

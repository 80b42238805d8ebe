// Answering a questionnaire: autosave every answer, show a gentle note when a safety question
// is answered above "not at all", and on small screens show one question at a time.
// Without this script the form still works: all questions on one page, saved on submit.

import { autosaveOrder } from "../feelmap/autosave-order.js";

const form = document.getElementById("questionnaire");
const questions = form ? Array.from(form.querySelectorAll("fieldset[data-question]")) : [];
const actions = form?.querySelector("[data-actions]");
const status = form?.querySelector("[data-autosave-status]");
const progress = form?.querySelector("[data-progress]");
const phone = window.matchMedia("(max-width: 40rem)");
// Sending the answers (to finish, save or clear them) must reach the server after every
// autosave: an autosave handled later would start a new draft of answers already finished or
// cleared (../feelmap/autosave-order.js).
const order = autosaveOrder();
let current = 0;
let nav = null;
let saveTimer = null;

function say(text) {
  if (status) status.textContent = text;
}

async function autosave() {
  if (order.closed) return;
  const data = new FormData(form);
  data.delete("action");
  try {
    const response = await order.track(fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }));
    if (!response.ok) throw new Error(String(response.status));
    say("Your answers are saved.");
  } catch (error) {
    say("Couldn't save just now. Your answers are still here; use \u201cSave and finish later\u201d to keep them.");
  }
}

// A waiting autosave is dropped, one under way is waited for, none starts afterwards.
function sendAfterAutosave(event) {
  clearTimeout(saveTimer);
  order.hold(event);
}

function showSafetyNote(fieldset) {
  const note = fieldset.querySelector("[data-safety-note]");
  const chosen = fieldset.querySelector("input:checked");
  if (!note || !chosen) return;
  note.hidden = !(Number(chosen.value) > Number(fieldset.dataset.min || 0));
}

function answered(fieldset) {
  return fieldset.querySelector("input:checked") !== null;
}

function show(index, moveFocus) {
  current = Math.max(0, Math.min(index, questions.length - 1));
  questions.forEach((q, i) => { q.hidden = i !== current; });
  const last = current === questions.length - 1;
  nav.back.hidden = current === 0;
  nav.next.hidden = last;
  actions.hidden = !last;
  progress.hidden = false;
  progress.textContent = `Question ${current + 1} of ${questions.length}`;
  if (moveFocus) questions[current].focus();
}

function startStepping() {
  if (nav || questions.length < 2) return;
  form.classList.add("stepping");
  const box = document.createElement("div");
  box.className = "step-nav";
  const back = document.createElement("button");
  back.type = "button";
  back.className = "secondary";
  back.textContent = "Back";
  const next = document.createElement("button");
  next.type = "button";
  next.textContent = "Next";
  box.append(back, next);
  actions.before(box);
  nav = { box, back, next };
  back.addEventListener("click", () => show(current - 1, true));
  next.addEventListener("click", () => show(current + 1, true));
  questions.forEach((q) => q.setAttribute("tabindex", "-1"));
  // Resume at the first question without an answer (or a question the server marked).
  const marked = questions.findIndex((q) => q.classList.contains("has-error"));
  const open = questions.findIndex((q) => !answered(q));
  show(marked >= 0 ? marked : open >= 0 ? open : questions.length - 1, false);
}

function stopStepping() {
  if (!nav) return;
  form.classList.remove("stepping");
  nav.box.remove();
  nav = null;
  questions.forEach((q) => { q.hidden = false; q.removeAttribute("tabindex"); });
  actions.hidden = false;
  progress.hidden = true;
}

function fitScreen() {
  if (phone.matches) startStepping();
  else stopStepping();
}

if (form) {
  form.addEventListener("change", (event) => {
    const fieldset = event.target.closest("fieldset[data-question]");
    if (fieldset && fieldset.hasAttribute("data-safety")) showSafetyNote(fieldset);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(autosave, 300);
  });
  // Enter inside a question moves on instead of submitting half a questionnaire.
  form.addEventListener("submit", (event) => {
    if (nav && !event.submitter && current < questions.length - 1) {
      event.preventDefault();
      show(current + 1, true);
      return;
    }
    sendAfterAutosave(event);
  });
  const discard = document.querySelector("form.discard");
  if (discard) discard.addEventListener("submit", sendAfterAutosave);
  phone.addEventListener("change", fitScreen);
  fitScreen();
  const summary = document.getElementById("form-errors");
  if (summary) summary.focus();
}

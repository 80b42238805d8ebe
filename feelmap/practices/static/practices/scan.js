// Body scan player: one step at a time, with Previous/Next, arrow keys, an optional
// auto-advance timer and optional speech. Without this script the page is one long form.

const form = document.getElementById("scan-form");
const steps = Array.from(document.querySelectorAll(".scan-step"));
const prev = document.getElementById("scan-prev");
const next = document.getElementById("scan-next");
const pauseButton = document.getElementById("scan-pause");
const progress = document.getElementById("scan-progress");
const auto = document.getElementById("scan-auto");
const speechBox = document.getElementById("scan-speech");
const finishField = document.getElementById("finish-field");
const saveButton = document.getElementById("scan-save");
const stopButton = document.getElementById("scan-stop");

const canSpeak = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
let current = 0;
let paused = false;
let timer = null;

function titleOf(step) {
  return step.querySelector("h2").textContent.trim();
}

function speak(step) {
  if (!canSpeak) return;
  window.speechSynthesis.cancel();
  if (!speechBox.checked || paused) return;
  const text = `${titleOf(step)}. ${step.querySelector(".step-text").textContent.trim()}`;
  window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
}

function schedule() {
  clearTimeout(timer);
  timer = null;
  if (!auto.checked || paused || current >= steps.length - 1) return;
  const seconds = Number(steps[current].dataset.seconds) || 15;
  timer = setTimeout(() => show(current + 1, false), seconds * 1000);
}

function show(index, moveFocus = true) {
  current = Math.max(0, Math.min(index, steps.length - 1));
  steps.forEach((step, i) => { step.dataset.current = String(i === current); });
  const last = current === steps.length - 1;
  prev.disabled = current === 0;
  next.disabled = last;
  saveButton.hidden = !last;
  progress.textContent = `Step ${current + 1} of ${steps.length}: ${titleOf(steps[current])}`;
  if (moveFocus) steps[current].querySelector("h2").focus();
  speak(steps[current]);
  schedule();
}

function togglePause() {
  paused = !paused;
  pauseButton.setAttribute("aria-pressed", String(paused));
  pauseButton.textContent = paused ? "Resume guide" : "Pause guide";
  if (paused && canSpeak) window.speechSynthesis.cancel();
  if (!paused) speak(steps[current]);
  schedule();
}

function isTyping(target) {
  return target instanceof HTMLElement && (
    target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT", "BUTTON"].includes(target.tagName)
  );
}

document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const typing = isTyping(event.target);
  const inNumber = event.target instanceof HTMLInputElement && ["number", "text", "radio"].includes(event.target.type);
  if (event.key === "ArrowRight" && !inNumber) { event.preventDefault(); show(current + 1); }
  else if (event.key === "ArrowLeft" && !inNumber) { event.preventDefault(); show(current - 1); }
  else if (event.key === " " && !typing) { event.preventDefault(); togglePause(); }
});

prev.addEventListener("click", () => show(current - 1));
next.addEventListener("click", () => show(current + 1));
pauseButton.addEventListener("click", togglePause);
auto.addEventListener("change", schedule);
form.addEventListener("submit", (event) => {
  // The last step's "Save" means the scan was finished; "Stop here" says so itself.
  if (event.submitter !== stopButton) {
    const yes = form.querySelector('input[name="completed"][value="yes"]');
    if (yes) yes.checked = true;
  }
});

if (canSpeak) {
  document.getElementById("scan-speech-option").hidden = false;
  speechBox.checked = speechBox.dataset.default === "on";
  speechBox.addEventListener("change", () => speak(steps[current]));
}
form.classList.add("scan-player");
finishField.hidden = true;
stopButton.hidden = false;
document.getElementById("scan-nav").hidden = false;
document.getElementById("scan-options").hidden = false;
const firstError = steps.findIndex((step) => step.querySelector(".errors"));
show(firstError >= 0 ? firstError : 0, false);

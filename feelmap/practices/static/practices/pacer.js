// Breathing pacer: draws the server's precomputed schedule (pacer.schedule_as_dict).
// Time comes from performance.now() measured from the start, never from adding up frame
// times, so the pace cannot drift however slow the frames are.

const SMALL = 0.45; // shape size at the bottom of a breath (1 = full)

const schedule = JSON.parse(document.getElementById("pacer-schedule").textContent);
const phases = schedule.phases;
const total = schedule.total_seconds;
const labels = schedule.phase_labels;

const root = document.getElementById("pacer");
const shape = document.getElementById("pacer-shape");
const words = document.getElementById("pacer-words");
const count = document.getElementById("pacer-count");
const timeLeft = document.getElementById("pacer-time");
const startButton = document.getElementById("pacer-start");
const pauseButton = document.getElementById("pacer-pause");
const stopButton = document.getElementById("pacer-stop");
const textMode = document.getElementById("pacer-text-mode");
const toneBox = document.getElementById("pacer-tone");
const afterForm = document.getElementById("after-form");
const afterHeading = document.getElementById("after-heading");

let accumulated = 0; // seconds run before the current stretch
let resumedAt = null; // performance.now() when the current stretch began; null when paused
let phaseIndex = -1;
let shownCount = null;
let frame = null;
let finished = false;
let audio = null;

function elapsed() {
  return accumulated + (resumedAt === null ? 0 : (performance.now() - resumedAt) / 1000);
}

function phaseAt(t) {
  // Phases only move forward while running, so walk from the current one.
  let i = Math.max(phaseIndex, 0);
  if (phases[i].start > t) i = 0;
  while (i < phases.length - 1 && phases[i].start + phases[i].duration <= t) i += 1;
  return i;
}

function sizeFor(phase, progress) {
  if (phase.kind === "inhale") return SMALL + (1 - SMALL) * progress;
  if (phase.kind === "exhale") return 1 - (1 - SMALL) * progress;
  return phase.kind === "hold-in" ? 1 : SMALL;
}

function formatClock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} left`;
}

function useTextMode(on) {
  root.classList.toggle("text-mode", on);
}

function tone(kind) {
  if (!audio || !toneBox.checked) return;
  const now = audio.currentTime;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.type = "sine";
  osc.frequency.value = kind === "inhale" ? 392 : kind === "exhale" ? 294 : 330;
  gain.gain.setValueAtTime(0, now);
  gain.gain.linearRampToValueAtTime(0.08, now + 0.08);
  gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.9);
  osc.connect(gain).connect(audio.destination);
  osc.start(now);
  osc.stop(now + 1);
}

function ensureAudio() {
  // Browsers only allow sound after a gesture: this runs inside a click or change handler.
  if (audio || !toneBox.checked) return;
  const Context = window.AudioContext || window.webkitAudioContext;
  if (Context) audio = new Context();
}

function draw() {
  const t = Math.min(elapsed(), total);
  const i = phaseAt(t);
  const phase = phases[i];
  const progress = Math.min(Math.max((t - phase.start) / phase.duration, 0), 1);
  if (i !== phaseIndex) {
    phaseIndex = i;
    words.textContent = labels[phase.kind];
    tone(phase.kind);
  }
  shape.style.transform = `scale(${sizeFor(phase, progress).toFixed(4)})`;
  const left = Math.ceil(phase.start + phase.duration - t);
  if (left !== shownCount) {
    shownCount = left;
    count.textContent = `${labels[phase.kind]} · ${Math.max(left, 1)}`;
    timeLeft.textContent = formatClock(total - t);
  }
  if (t >= total) {
    finish(true);
    return;
  }
  frame = requestAnimationFrame(draw);
}

function start() {
  ensureAudio();
  if (audio && audio.state === "suspended") audio.resume();
  resumedAt = performance.now();
  startButton.disabled = true;
  pauseButton.disabled = false;
  stopButton.disabled = false;
  pauseButton.textContent = "Pause";
  frame = requestAnimationFrame(draw);
}

function pause() {
  if (resumedAt === null) {
    resumedAt = performance.now();
    pauseButton.textContent = "Pause";
    words.textContent = labels[phases[phaseIndex].kind];
    frame = requestAnimationFrame(draw);
    return;
  }
  accumulated = elapsed();
  resumedAt = null;
  cancelAnimationFrame(frame);
  pauseButton.textContent = "Resume";
  words.textContent = "Paused. Press “Resume” to carry on.";
}

function finish(completed) {
  if (finished) return;
  finished = true;
  accumulated = Math.min(elapsed(), total);
  resumedAt = null;
  cancelAnimationFrame(frame);
  startButton.disabled = true;
  pauseButton.disabled = true;
  stopButton.disabled = true;
  if (completed) {
    words.textContent = schedule.ends_mid_cycle
      ? "Time's up — finish this breath at your own pace."
      : "That's the end of the practice. Take a moment before you move on.";
  } else {
    words.textContent = "Stopped. That's fine — you can note how you feel now.";
  }
  timeLeft.textContent = "";
  const radio = afterForm.querySelector(`input[name="completed"][value="${completed ? "yes" : "no"}"]`);
  if (radio) radio.checked = true;
  afterForm.querySelector('input[name="elapsed_seconds"]').value = String(Math.round(accumulated));
  afterForm.hidden = false;
  afterHeading.focus();
}

const reduce = window.matchMedia("(prefers-reduced-motion: reduce)");
textMode.checked = reduce.matches;
useTextMode(textMode.checked);
textMode.addEventListener("change", () => useTextMode(textMode.checked));
toneBox.checked = root.dataset.tone === "on";
toneBox.addEventListener("change", ensureAudio);
startButton.addEventListener("click", start);
pauseButton.addEventListener("click", pause);
stopButton.addEventListener("click", () => finish(false));

document.getElementById("pacer-controls").hidden = false;
document.getElementById("pacer-options").hidden = false;
timeLeft.textContent = formatClock(total);
count.textContent = `${labels[phases[0].kind]} · ${Math.ceil(phases[0].duration)}`;
afterForm.hidden = !afterForm.querySelector(".form-errors");
root.classList.add("ready");

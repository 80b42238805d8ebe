// The heartbeat counting task: a practice trial, then the trials in the plan's order; start
// and stop tones; after each trial the count and a confidence rating. The recorded beats of
// each trial come from the source; the whole session is saved through the API.

import { Tones, makeSource, offerStrap, saveSession, startSource } from "./sources.js";

const root = document.getElementById("count-task");
const plan = JSON.parse(document.getElementById("count-plan").textContent);
const setup = document.getElementById("count-setup");
const run = document.getElementById("count-run");
const heading = document.getElementById("run-heading");
const phase = document.getElementById("count-phase");
const startButton = document.getElementById("count-start-trial");
const answer = document.getElementById("count-answer");
const counted = document.getElementById("counted");
const confidence = document.getElementById("confidence");
const confidenceValue = document.getElementById("confidence-value");
const status = document.getElementById("count-status");

offerStrap();

confidence.addEventListener("input", () => { confidenceValue.textContent = confidence.value; });

let source = null;
let tones = null;
let trials = [];
let index = 0;
let window0 = 0;
let window1 = 0;
const results = [];
const startedAt = new Date().toISOString();

function say(text) { status.textContent = text; }

document.getElementById("count-begin").addEventListener("click", async () => {
  const kind = document.querySelector('input[name="source"]:checked').value;
  const method = document.querySelector('input[name="method"]:checked').value;
  const guess = document.getElementById("guess-bpm").value;
  if (guess !== "" && !(Number.isInteger(Number(guess)) && Number(guess) >= 30 && Number(guess) <= 220)) {
    say("A heart rate guess is a whole number from 30 to 220, or leave it empty.");
    document.getElementById("guess-bpm").focus();
    return;
  }
  tones = new Tones();
  tones.resume();
  source = makeSource(kind, root.dataset.analyzeUrl);
  if (!(await startSource(source, say))) return;
  const seconds = method === "hart" ? plan.hart : plan.schandry;
  trials = [{ seconds: plan.practice, practice: true }, ...seconds.map((s) => ({ seconds: s, practice: false }))];
  root.dataset.method = method;
  root.dataset.source = kind;
  setup.hidden = true;
  run.hidden = false;
  showTrial();
});

function showTrial() {
  const trial = trials[index];
  const scored = trials.filter((t) => !t.practice).length;
  heading.textContent = trial.practice ? "Practice trial" : `Trial ${trials.slice(0, index + 1).filter((t) => !t.practice).length} of ${scored}`;
  phase.textContent = "When you are ready, start the trial. Count the beats you feel between the two tones.";
  startButton.hidden = false;
  answer.hidden = true;
  heading.focus();
}

startButton.addEventListener("click", () => {
  const trial = trials[index];
  startButton.hidden = true;
  phase.textContent = "Counting… Eyes closed if you like. Count only beats you feel.";
  window0 = tones.play(performance.now() + 500, { frequency: 523, seconds: 0.15, label: "start" });
  setTimeout(() => {
    window1 = tones.play(performance.now(), { frequency: 392, seconds: 0.15, label: "stop" });
    phase.textContent = "Stop. How many beats did you feel?";
    answer.hidden = false;
    counted.value = "";
    confidence.value = "50";
    confidenceValue.textContent = "50";
    counted.focus();
  }, 500 + trial.seconds * 1000);
});

answer.addEventListener("submit", async (event) => {
  event.preventDefault();
  const count = Number(counted.value);
  if (counted.value === "" || !Number.isInteger(count) || count < 0 || count > 400) {
    say("Type the number of beats you felt, from 0 up (0 is a real answer).");
    counted.focus();
    return;
  }
  const trial = trials[index];
  say("Checking the recorded beats…");
  const recorded = await source.beatsBetween(window0, window1);
  if (!recorded.ok || recorded.count === 0) {
    say(`${recorded.message || "No beats were recorded."} This trial can't be scored, so let's repeat it.`);
    showTrial();
    return;
  }
  results.push({
    seconds: Math.round((window1 - window0) / 100) / 10,
    recorded: recorded.count,
    counted: count,
    confidence: Number(confidence.value),
    practice: trial.practice,
  });
  say(trial.practice ? "Practice done. The real trials start now." : "Saved for this session.");
  index += 1;
  if (index < trials.length) {
    showTrial();
    return;
  }
  source.stop();
  phase.textContent = "All trials done.";
  answer.hidden = true;
  const guess = document.getElementById("guess-bpm").value;
  const body = {
    started_at: startedAt,
    method: root.dataset.method,
    source: root.dataset.source,
    guess_bpm: guess === "" ? null : Number(guess),
    trials: results,
  };
  await saveSession(root.dataset.saveUrl, body, say);
});

// Heartbeat discrimination: tones on the person's own beats, in time or delayed by about
// 300 ms (the plan says which, in random order), then "which was it?" and a confidence.
//
// Timing: a beat becomes known at some time t (at once for a strap or the simulated source;
// a second or two late for the camera). The tone for it sounds at t + transit (+ delay): the
// transit is when a beat is usually felt relative to what the source measures. When that
// moment has already passed (a late camera beat), the tone goes on the next predicted beat,
// one beat interval on, so every tone still keeps the same relation to a beat.

import { Tones, makeSource, offerStrap, saveSession, startSource } from "./sources.js";

const root = document.getElementById("disc-task");
const plan = JSON.parse(document.getElementById("disc-plan").textContent);
const setup = document.getElementById("disc-setup");
const run = document.getElementById("disc-run");
const heading = document.getElementById("disc-run-heading");
const phase = document.getElementById("disc-phase");
const listen = document.getElementById("disc-listen");
const answer = document.getElementById("disc-answer");
const confidence = document.getElementById("disc-confidence");
const confidenceValue = document.getElementById("disc-confidence-value");
const feedbackText = document.getElementById("disc-feedback-text");
const next = document.getElementById("disc-next");
const status = document.getElementById("disc-status");

offerStrap();
confidence.addEventListener("input", () => { confidenceValue.textContent = confidence.value; });

let source = null;
let tones = null;
let kind = "simulated";
let feedbackOn = true;
let index = 0;
let tonesLeft = 0;
let lastTone = null;
const results = [];
const startedAt = new Date().toISOString();

function say(text) { status.textContent = text; }

// How far ahead tones are placed on predicted beats: a camera's beats arrive every 2 s, so
// the beats until the next report are predicted; a strap's and the simulated beats arrive at
// once, so only the beat just reported gets its tone.
const HORIZON_MS = { camera: 2600, strap: 0, simulated: 0 };

function onBeat(t) {
  if (tonesLeft <= 0) return;
  const delayed = plan.delayed[index];
  const offset = plan.transit_ms[kind] + (delayed ? plan.delay_ms : 0);
  const ibi = source.ibi();
  const now = performance.now();
  const horizon = now + (HORIZON_MS[kind] || 0);
  for (let k = 0; tonesLeft > 0; k++) {
    if (k > 0 && !ibi) break;
    const target = t + k * (ibi || 0) + offset;
    if (target < now + 10) continue; // this beat's moment has passed: the next one
    if (k > 0 && target > horizon) break;
    if (lastTone !== null && ibi && target - lastTone < 0.5 * ibi) continue; // it has its tone
    const at = tones.play(target, { frequency: 880, seconds: 0.06, label: delayed ? "delayed" : "in_time" });
    window.heartbeatLog.tones[window.heartbeatLog.tones.length - 1].beat = target - offset;
    lastTone = at;
    tonesLeft -= 1;
    if (tonesLeft === 0) setTimeout(askAnswer, Math.max(0, at - performance.now()) + 400);
    if (!HORIZON_MS[kind]) break;
  }
}

document.getElementById("disc-begin").addEventListener("click", async () => {
  kind = document.querySelector('input[name="source"]:checked').value;
  feedbackOn = document.getElementById("disc-feedback").checked;
  tones = new Tones();
  tones.resume();
  source = makeSource(kind, root.dataset.analyzeUrl, { live: true });
  source.onBeat = onBeat;
  if (!(await startSource(source, say))) return;
  setup.hidden = true;
  run.hidden = false;
  showTrial();
});

function showTrial() {
  heading.textContent = `Trial ${index + 1} of ${plan.delayed.length}`;
  phase.textContent = "Notice your heartbeat, then play the tones.";
  listen.hidden = false;
  answer.hidden = true;
  next.hidden = true;
  feedbackText.textContent = "";
  heading.focus();
}

listen.addEventListener("click", () => {
  listen.hidden = true;
  phase.textContent = "Listening… the tones follow your next heartbeats.";
  lastTone = null;
  tonesLeft = plan.tones;
});

function askAnswer() {
  phase.textContent = "Which was it?";
  answer.reset();
  confidenceValue.textContent = "50";
  answer.hidden = false;
  answer.querySelector('input[name="said"]').focus();
}

answer.addEventListener("submit", (event) => {
  event.preventDefault();
  const said = answer.querySelector('input[name="said"]:checked');
  if (!said) {
    say("Choose in time or delayed (a guess is fine).");
    return;
  }
  const delayed = plan.delayed[index];
  const saidDelayed = said.value === "delayed";
  results.push({ delayed, said_delayed: saidDelayed, confidence: Number(confidence.value) });
  answer.hidden = true;
  if (feedbackOn) {
    const truth = delayed ? "delayed" : "in time";
    feedbackText.textContent = saidDelayed === delayed
      ? `Right: the tones were ${truth}.`
      : `Not this time: the tones were ${truth}. This is hard; noticing improves with practice.`;
  } else {
    feedbackText.textContent = "Answer saved.";
  }
  index += 1;
  if (index < plan.delayed.length) {
    next.hidden = false;
    next.focus();
  } else {
    finish();
  }
});

next.addEventListener("click", showTrial);

async function finish() {
  source.stop();
  phase.textContent = "All trials done.";
  const body = { started_at: startedAt, source: kind, feedback: feedbackOn, trials: results };
  await saveSession(root.dataset.saveUrl, body, say);
}

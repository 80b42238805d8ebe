// "Guess, then see": the person's guess first, then the rate measured over a short window.
// No number is shown when the signal cannot support one.

import { makeSource, offerStrap, postJson, startSource } from "./sources.js";

const root = document.getElementById("guess-task");
const seconds = Number(root.dataset.seconds);
const guessInput = document.getElementById("guess-value");
const result = document.getElementById("guess-result");
const heading = document.getElementById("guess-result-heading");
const phase = document.getElementById("guess-phase");
const measured = document.getElementById("guess-measured");
const again = document.getElementById("guess-again");
const status = document.getElementById("guess-status");
const startedAt = new Date().toISOString();

offerStrap();

function say(text) { status.textContent = text; }

function rateOf(times) {
  if (times.length < 2) return null;
  return (60000 * (times.length - 1)) / (times[times.length - 1] - times[0]);
}

async function measure() {
  const guess = Number(guessInput.value);
  if (guessInput.value === "" || !Number.isInteger(guess) || guess < 30 || guess > 220) {
    say("Type your guess first: a whole number from 30 to 220.");
    guessInput.focus();
    return;
  }
  const kind = document.querySelector('input[name="source"]:checked').value;
  const source = makeSource(kind, root.dataset.analyzeUrl);
  if (!(await startSource(source, say))) return;
  result.hidden = false;
  again.hidden = true;
  measured.textContent = "";
  heading.textContent = "Measuring";
  heading.focus();
  phase.textContent = `Keep still for ${seconds} seconds…`;
  const t0 = performance.now() + 1000; // let the camera settle
  setTimeout(async () => {
    const t1 = performance.now();
    const found = await source.beatsBetween(t0, t1);
    let bpm = found.bpm ?? null;
    if (found.ok && bpm === null && source.list) {
      bpm = rateOf(source.list.times.filter((t) => t >= t0 && t < t1));
    }
    source.stop();
    again.hidden = false;
    if (!found.ok || bpm === null) {
      heading.textContent = "No number this time";
      phase.textContent = found.message || "The signal was not clear enough to show a number.";
      return;
    }
    heading.textContent = "What was measured";
    phase.textContent = `Your guess: ${guess} beats a minute.`;
    measured.textContent = `Measured: ${Math.round(bpm)} beats a minute.`;
    measured.dataset.bpm = String(bpm);
    const { status: code, data } = await postJson(root.dataset.saveUrl, {
      started_at: startedAt, source: kind, guess_bpm: guess, measured_bpm: Math.round(bpm * 10) / 10,
    });
    if (code === 201) {
      say("Saved to your heartbeat history.");
      const link = document.createElement("a");
      link.href = data.url;
      link.textContent = "See what this can and cannot say";
      phase.append(" ", link);
    } else {
      say("The result could not be saved.");
    }
  }, seconds * 1000 + 1000);
}

document.getElementById("guess-measure").addEventListener("click", measure);
again.addEventListener("click", measure);

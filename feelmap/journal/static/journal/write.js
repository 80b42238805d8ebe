// The write page: timer, autosave and naming help, each in its own module.
import { setupAutosave } from "./autosave.js";
import { setupNaming } from "./naming.js";
import { setupTimer } from "./timer.js";

const form = document.getElementById("journal-form");
if (form) {
  const timer = setupTimer(document.getElementById("timer"));
  const openedAt = Date.now();
  let firstInputAt = null;
  const base = Number(form.elements.minutes_spent.value) || 0;
  form.addEventListener("input", () => { if (firstInputAt === null) firstInputAt = Date.now(); }, { once: true });

  // Minutes spent: the timer's running time if it was used, otherwise time since typing began.
  const minutesSpent = () => {
    const seconds = timer.used()
      ? timer.elapsedSeconds()
      : (firstInputAt === null ? 0 : (Date.now() - Math.max(firstInputAt, openedAt)) / 1000);
    return Math.min(600, base + Math.round(seconds / 60));
  };
  const autosave = setupAutosave(form, { minutesSpent });
  setupNaming(form, { onLabelsChanged: () => autosave.schedule() });
  form.addEventListener("submit", () => { form.elements.minutes_spent.value = String(minutesSpent()); });
}

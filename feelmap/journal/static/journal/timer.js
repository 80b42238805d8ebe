// Optional writing timer: start, pause, reset; the end is announced politely, never as a
// deadline. Only the number changes once a second, so there is no motion to reduce.

function format(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

export function setupTimer(section) {
  if (!section) return { elapsedSeconds: () => 0, used: () => false };
  section.hidden = false;
  const radios = [...section.querySelectorAll('input[name="timer-minutes"]')];
  const left = section.querySelector("#timer-left");
  const startButton = section.querySelector("#timer-start");
  const pauseButton = section.querySelector("#timer-pause");
  const resetButton = section.querySelector("#timer-reset");
  const status = section.querySelector("#timer-status");

  const chosenMinutes = () => Number((radios.find((r) => r.checked) || radios[0]).value);
  let total = chosenMinutes() * 60;
  let remaining = total;
  let endAt = 0;
  let tick = null;
  let ranSeconds = 0; // time the timer actually ran, for "minutes spent"
  let runStartedAt = 0;
  let everStarted = false;

  const show = () => { left.textContent = format(remaining); };
  const setChoicesEnabled = (on) => radios.forEach((r) => { r.disabled = !on; });

  function stopTicking() {
    if (tick !== null) {
      clearInterval(tick);
      tick = null;
      ranSeconds += Math.round((Date.now() - runStartedAt) / 1000);
    }
  }

  function finish() {
    stopTicking();
    remaining = 0;
    show();
    const minutes = Math.round(total / 60);
    status.textContent = `That's ${minutes} minutes. You can stop here, or keep writing if you want to. There's no rush.`;
    startButton.textContent = "Start again";
    pauseButton.disabled = true;
    setChoicesEnabled(true);
  }

  function update() {
    remaining = Math.max(0, Math.ceil((endAt - Date.now()) / 1000));
    show();
    if (remaining === 0) finish();
  }

  startButton.addEventListener("click", () => {
    if (remaining <= 0) { total = chosenMinutes() * 60; remaining = total; }
    const resuming = remaining < total;
    endAt = Date.now() + remaining * 1000;
    runStartedAt = Date.now();
    everStarted = true;
    tick = setInterval(update, 1000);
    startButton.disabled = true;
    pauseButton.disabled = false;
    resetButton.disabled = false;
    setChoicesEnabled(false);
    status.textContent = resuming
      ? "Timer running again."
      : `Timer started: ${Math.round(total / 60)} minutes. Write at your own pace.`;
    show();
  });

  pauseButton.addEventListener("click", () => {
    update();
    stopTicking();
    startButton.disabled = false;
    startButton.textContent = "Resume";
    pauseButton.disabled = true;
    status.textContent = "Timer paused.";
    startButton.focus();
  });

  resetButton.addEventListener("click", () => {
    stopTicking();
    total = chosenMinutes() * 60;
    remaining = total;
    show();
    startButton.disabled = false;
    startButton.textContent = "Start";
    pauseButton.disabled = true;
    resetButton.disabled = true;
    setChoicesEnabled(true);
    status.textContent = "Timer reset.";
    startButton.focus();
  });

  radios.forEach((r) => r.addEventListener("change", () => {
    if (tick !== null) return;
    total = chosenMinutes() * 60;
    remaining = total;
    show();
  }));

  show();
  return {
    used: () => everStarted,
    elapsedSeconds: () => ranSeconds + (tick !== null ? Math.round((Date.now() - runStartedAt) / 1000) : 0),
  };
}

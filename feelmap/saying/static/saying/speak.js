// Speak-aloud: a timer for saying it out loud (the seconds go into the form; no sound is
// recorded), and speech-to-text only where the browser does it on this device
// (SpeechRecognition.available with processLocally). Recognisers that may send the voice to a
// server (the classic webkitSpeechRecognition) are not used.

const timer = document.querySelector("[data-timer]");
const seconds = document.querySelector("[data-timer-seconds]");

function format(total) {
  const s = Math.floor(total);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

if (timer && seconds) {
  const value = timer.querySelector("[data-timer-value]");
  const toggle = timer.querySelector("[data-timer-toggle]");
  const status = timer.querySelector("[data-timer-status]");
  let started = null;
  let tick = null;
  timer.hidden = false;
  if (seconds.value) value.textContent = format(Number(seconds.value));
  toggle.addEventListener("click", () => {
    if (started === null) {
      started = performance.now();
      value.textContent = "0:00";
      tick = setInterval(() => { value.textContent = format((performance.now() - started) / 1000); }, 250);
      toggle.textContent = "Stop the timer";
      status.textContent = "The timer is running. Say it out loud, at your own pace.";
    } else {
      clearInterval(tick);
      const total = Math.max(1, Math.round((performance.now() - started) / 1000));
      started = null;
      seconds.value = String(Math.min(total, 3600));
      value.textContent = format(total);
      toggle.textContent = "Start again";
      status.textContent = `You spoke for ${format(total)}. How did it feel? Rate it below.`;
    }
  });
}

async function onDeviceRecognition(lang) {
  // Only a browser that can promise to stay on the device: it answers available() with
  // processLocally and honours processLocally on the recogniser. Anything else is not used.
  const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  if (!Recognition || typeof Recognition.available !== "function") return null;
  if (!("processLocally" in Recognition.prototype)) return null;
  try {
    const state = await Recognition.available({ langs: [lang], processLocally: true });
    return state === "available" ? Recognition : null;
  } catch {
    return null;
  }
}

const listen = document.querySelector("[data-listen]");
const note = document.querySelector("[data-listen-note]");
if (listen) {
  const lang = document.documentElement.lang || "en";
  onDeviceRecognition(lang).then((Recognition) => {
    if (!Recognition) {
      if (note) {
        note.textContent = "Speech-to-text is not offered here: this browser cannot do it on "
          + "this device, and Feelmap does not send your voice to a server to do it.";
      }
      return;
    }
    listen.hidden = false;
    if (note) note.hidden = true;
    const toggle = listen.querySelector("[data-listen-toggle]");
    const heard = listen.querySelector("[data-heard]");
    let active = null;
    toggle.addEventListener("click", () => {
      if (active) {
        active.stop();
        return;
      }
      active = new Recognition();
      active.lang = lang;
      active.processLocally = true;
      active.interimResults = true;
      active.continuous = true;
      active.onresult = (event) => {
        heard.textContent = Array.from(event.results, (r) => r[0].transcript).join(" ");
      };
      active.onend = () => { active = null; toggle.textContent = "Show what I said as text"; };
      toggle.textContent = "Stop listening";
      active.start();
    });
  });
}

// Heart-rate sources for the heartbeat pages, all with one shape:
//   await source.start()            ask for the device or camera (throws with a plain message)
//   source.onBeat = (timeMs) => {}  each beat as it becomes known (performance.now() time;
//                                   a camera's beats arrive a second or two late)
//   source.onStatus = (text, ok) => {}
//   await source.beatsBetween(t0, t1) -> {ok, count, message}: the recorded beats of a trial
//   source.ibi()                    the current beat interval in ms (null until known)
//   source.stop()
// Every beat also goes into window.heartbeatLog.beats, and every tone into .tones, so what
// the page did can be checked against the beats (the browser tests do).

import { parseMeasurement } from "./hrm.js";

window.heartbeatLog = window.heartbeatLog || { beats: [], tones: [] };

function csrfToken() {
  // The page holds the token ({% csrf_token %}); the cookie is HttpOnly.
  const field = document.querySelector("[name=csrfmiddlewaretoken]");
  return field ? field.value : "";
}

export async function postJson(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  return { status: response.status, data };
}

function median(values) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

class BeatList {
  constructor() {
    this.times = [];
    this.onBeat = null;
  }
  add(t) {
    const last = this.times[this.times.length - 1];
    if (last !== undefined && t <= last + 250) return false; // already known (or too close)
    this.times.push(t);
    window.heartbeatLog.beats.push(t);
    if (this.onBeat) this.onBeat(t);
    return true;
  }
  between(t0, t1) {
    return this.times.filter((t) => t >= t0 && t < t1).length;
  }
  ibi() {
    const recent = this.times.slice(-9);
    const gaps = recent.slice(1).map((t, i) => t - recent[i]);
    return median(gaps);
  }
}

// A steady rhythm with a little variation: for trying the pages without a sensor. The page
// says plainly that results from it are not about the person's heart.
export class SimulatedSource {
  constructor(bpm = 72) {
    this.kind = "simulated";
    this.bpm = bpm;
    this.list = new BeatList();
    this.timer = null;
    this.onStatus = () => {};
    this.count = 0;
  }
  set onBeat(fn) { this.list.onBeat = fn; }
  async start() {
    const tick = () => {
      this.list.add(performance.now());
      this.count += 1;
      const wobble = 1 + 0.03 * Math.sin(this.count / 4);
      this.timer = setTimeout(tick, (60000 / this.bpm) * wobble);
    };
    this.timer = setTimeout(tick, 300);
    this.onStatus("Simulated heartbeat running (a try-out: it is not your heart).", true);
  }
  stop() { clearTimeout(this.timer); }
  ibi() { return this.list.ibi(); }
  async beatsBetween(t0, t1) {
    return { ok: true, count: this.list.between(t0, t1), message: "" };
  }
}

export class StrapSource {
  constructor() {
    this.kind = "strap";
    this.list = new BeatList();
    this.onStatus = () => {};
    this.device = null;
    this.lastContact = null;
  }
  set onBeat(fn) { this.list.onBeat = fn; }
  static available() { return Boolean(navigator.bluetooth); }
  async start() {
    if (!StrapSource.available()) {
      throw new Error("This browser cannot connect to Bluetooth devices. Chrome or Edge on a computer or Android can; here, use the camera or a recorded file instead.");
    }
    this.device = await navigator.bluetooth.requestDevice({ filters: [{ services: ["heart_rate"] }] });
    const server = await this.device.gatt.connect();
    const service = await server.getPrimaryService("heart_rate");
    const characteristic = await service.getCharacteristic("heart_rate_measurement");
    characteristic.addEventListener("characteristicvaluechanged", (event) => this.receive(event.target.value));
    await characteristic.startNotifications();
    this.onStatus("Heart-rate strap connected.", true);
  }
  receive(value) {
    const now = performance.now();
    let m;
    try {
      m = parseMeasurement(value);
    } catch {
      return;
    }
    if (m.contact === false) {
      this.onStatus("The strap has no skin contact. Moisten the electrodes and tighten it a little.", false);
      return;
    }
    // The newest RR interval ends about now; walk back to place the earlier ones.
    const times = [];
    let t = now;
    for (let i = m.rrMs.length - 1; i >= 0; i--) {
      times.unshift(t);
      t -= m.rrMs[i];
    }
    times.forEach((time) => this.list.add(time));
  }
  stop() {
    if (this.device && this.device.gatt.connected) this.device.gatt.disconnect();
  }
  ibi() { return this.list.ibi(); }
  async beatsBetween(t0, t1) {
    const count = this.list.between(t0, t1);
    return count > 0 ? { ok: true, count, message: "" }
      : { ok: false, count: 0, message: "The strap sent no beats during this time." };
  }
}

// Fingertip over the camera: each frame becomes its mean red, green and blue; the server finds
// the beats (POST /api/v1/heartbeat/analyze). While live, the last 10 s go every 2 s.
export class CameraSource {
  constructor(analyzeUrl, { live = false } = {}) {
    this.kind = "camera";
    this.analyzeUrl = analyzeUrl;
    this.live = live;
    this.list = new BeatList();
    this.onStatus = () => {};
    this.frames = { t: [], r: [], g: [], b: [] };
    this.stream = null;
    this.running = false;
    this.pollTimer = null;
  }
  set onBeat(fn) { this.list.onBeat = fn; }
  async start() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw new Error("This browser cannot use the camera here.");
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment", width: { ideal: 320 }, height: { ideal: 240 } },
        audio: false,
      });
    } catch {
      throw new Error("The camera could not be opened. Allow the camera for this site, or choose another source.");
    }
    const track = this.stream.getVideoTracks()[0];
    try {
      await track.applyConstraints({ advanced: [{ torch: true }] });
    } catch {
      // No torch: daylight or a lamp behind the finger works too.
    }
    this.video = document.createElement("video");
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.srcObject = this.stream;
    await this.video.play();
    this.canvas = document.createElement("canvas");
    this.canvas.width = 40;
    this.canvas.height = 30;
    this.context = this.canvas.getContext("2d", { willReadFrequently: true });
    this.running = true;
    this.nextFrame();
    if (this.live) this.pollTimer = setInterval(() => this.poll(), 2000);
    this.onStatus("Camera on. Rest your fingertip gently over the lens (and the torch).", true);
  }
  nextFrame() {
    if (!this.running) return;
    if (this.video.requestVideoFrameCallback) {
      this.video.requestVideoFrameCallback((now) => { this.grab(now); this.nextFrame(); });
    } else {
      requestAnimationFrame((now) => { this.grab(now); this.nextFrame(); });
    }
  }
  grab(now) {
    const { width, height } = this.canvas;
    this.context.drawImage(this.video, 0, 0, width, height);
    const pixels = this.context.getImageData(0, 0, width, height).data;
    let r = 0, g = 0, b = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      r += pixels[i]; g += pixels[i + 1]; b += pixels[i + 2];
    }
    const n = pixels.length / 4;
    const f = this.frames;
    f.t.push(now / 1000); f.r.push(r / n); f.g.push(g / n); f.b.push(b / n);
    if (f.t.length > 30 * 170) for (const key of ["t", "r", "g", "b"]) f[key].splice(0, 30 * 10);
  }
  slice(t0, t1) {
    const f = this.frames;
    const out = { t: [], r: [], g: [], b: [] };
    for (let i = 0; i < f.t.length; i++) {
      if (f.t[i] >= t0 && f.t[i] <= t1) {
        out.t.push(f.t[i]); out.r.push(f.r[i]); out.g.push(f.g[i]); out.b.push(f.b[i]);
      }
    }
    return out;
  }
  async analyze(t0, t1) {
    const series = this.slice(t0, t1);
    if (series.t.length < 2) return { quality: { ok: false, message: "No camera frames arrived." }, beat_times: [] };
    const { status, data } = await postJson(this.analyzeUrl, series);
    if (status !== 200) return { quality: { ok: false, message: "The frames could not be analysed." }, beat_times: [] };
    return data;
  }
  async poll() {
    const now = performance.now() / 1000;
    const result = await this.analyze(now - 10, now);
    if (!result.quality.ok) {
      this.onStatus(result.quality.message, false);
      return;
    }
    this.onStatus(`Pulse found: about ${Math.round(result.bpm)} beats a minute.`, true);
    result.beat_times.forEach((t) => this.list.add(t * 1000));
  }
  stop() {
    this.running = false;
    clearInterval(this.pollTimer);
    if (this.stream) this.stream.getTracks().forEach((track) => track.stop());
  }
  ibi() { return this.list.ibi(); }
  async beatsBetween(t0, t1) {
    // A second either side so the filter has room; only beats inside the trial count.
    const result = await this.analyze(t0 / 1000 - 1, t1 / 1000 + 1);
    if (!result.quality.ok) return { ok: false, count: 0, message: result.quality.message, bpm: null };
    const count = result.beat_times.filter((t) => t * 1000 >= t0 && t * 1000 < t1).length;
    return { ok: true, count, message: "", bpm: result.bpm };
  }
}

export function makeSource(kind, analyzeUrl, options = {}) {
  if (kind === "strap") return new StrapSource();
  if (kind === "camera") return new CameraSource(analyzeUrl, options);
  return new SimulatedSource();
}

// Soft tones through Web Audio, scheduled at a performance.now() time.
export class Tones {
  constructor() {
    const Context = window.AudioContext || window.webkitAudioContext;
    this.context = Context ? new Context() : null;
  }
  resume() {
    if (this.context && this.context.state === "suspended") this.context.resume();
  }
  play(atMs, { frequency = 660, seconds = 0.08, label = "tone" } = {}) {
    const now = performance.now();
    const at = Math.max(atMs, now);
    window.heartbeatLog.tones.push({ at, label });
    if (!this.context) return at;
    const when = this.context.currentTime + (at - now) / 1000;
    const oscillator = this.context.createOscillator();
    const gain = this.context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, when);
    gain.gain.exponentialRampToValueAtTime(0.2, when + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, when + seconds);
    oscillator.connect(gain).connect(this.context.destination);
    oscillator.start(when);
    oscillator.stop(when + seconds + 0.02);
    return at;
  }
}

export function describeError(error) {
  if (error && error.name === "NotFoundError") return "No device was chosen.";
  return (error && error.message) || "Something went wrong with the heart-rate source.";
}

// Shared by the task pages. Without Web Bluetooth the chest strap cannot be chosen: its note
// shows and its choice is turned off.
export function offerStrap() {
  if (StrapSource.available()) return;
  document.querySelector(".strap-missing").hidden = false;
  document.querySelector('input[name="source"][value="strap"]').disabled = true;
}

// Start a source, its status going to `say`; false (with a plain message said) if it could not.
export async function startSource(source, say) {
  source.onStatus = (text) => say(text);
  try {
    await source.start();
  } catch (error) {
    say(describeError(error));
    return false;
  }
  return true;
}

// Save a finished session and go to its page, or say why it was not saved.
export async function saveSession(url, body, say) {
  const { status: code, data } = await postJson(url, body);
  if (code === 201) {
    window.location.assign(data.url);
  } else {
    const problems = data.fields ? Object.values(data.fields).flat().join(" ") : "";
    say(`The session could not be saved. ${problems}`);
  }
}

// Affect grid: pleasantness (left-right) x energy (down-up), by pointer, touch or arrow keys.
// The two number fields stay the source of truth, so the form works the same with or without it.
const WORDS = {
  "pleasant-high": ["Pleasant, high energy", "excited, joyful, curious"],
  "pleasant-low": ["Pleasant, low energy", "calm, content, relaxed"],
  "unpleasant-high": ["Unpleasant, high energy", "anxious, angry, stressed"],
  "unpleasant-low": ["Unpleasant, low energy", "sad, down, numb"],
};
const clamp = (v) => Math.max(-5, Math.min(5, v));
const half = (v) => Math.round(v * 2) / 2;
const fmt = (v) => String(v).replace("-", "−");

export function quadrantOf(p, e) {
  return `${p >= 0 ? "pleasant" : "unpleasant"}-${e > 0 ? "high" : "low"}`;
}

export function describe(p, e) {
  const [label, words] = WORDS[quadrantOf(p, e)];
  return `Pleasantness ${fmt(p)}, energy ${fmt(e)}: ${label.toLowerCase()}, like ${words}`;
}

export function enhanceAffectGrid(root) {
  if (root.dataset.enhanced) return;
  root.dataset.enhanced = "1";
  const form = root.closest("form") || document;
  const pInput = form.querySelector(`[name="${root.dataset.pName}"]`);
  const eInput = form.querySelector(`[name="${root.dataset.eName}"]`);
  const board = root.querySelector("[data-ag-board]");
  const surface = root.querySelector("[data-ag-surface]");
  const point = root.querySelector("[data-ag-point]");
  const readout = root.querySelector("[data-ag-readout]");
  const clear = root.querySelector("[data-ag-clear]");
  board.hidden = false;
  clear.hidden = false;

  const read = () => {
    const p = parseFloat(pInput.value), e = parseFloat(eInput.value);
    return Number.isFinite(p) && Number.isFinite(e) ? [clamp(p), clamp(e)] : null;
  };
  const draw = () => {
    const value = read();
    point.hidden = !value;
    for (const q of root.querySelectorAll(".ag-quadrant")) q.classList.remove("chosen");
    if (!value) {
      surface.setAttribute("aria-valuetext", "Not placed yet");
      readout.textContent = "Tap or click where you are, or focus the grid and use the arrow keys.";
      return;
    }
    const [p, e] = value;
    point.style.left = `${((p + 5) / 10) * 100}%`;
    point.style.top = `${((5 - e) / 10) * 100}%`;
    surface.setAttribute("aria-valuenow", String(p));
    surface.setAttribute("aria-valuetext", describe(p, e));
    readout.textContent = describe(p, e);
    const chosen = root.querySelector(`.ag-${quadrantOf(p, e)}`);
    if (chosen) chosen.classList.add("chosen");
  };
  const set = (p, e) => {
    pInput.value = String(half(clamp(p)));
    eInput.value = String(half(clamp(e)));
    for (const input of [pInput, eInput]) input.dispatchEvent(new Event("input", { bubbles: true }));
    draw();
  };

  surface.addEventListener("pointerdown", (event) => {
    const box = surface.getBoundingClientRect();
    const p = ((event.clientX - box.left) / box.width) * 10 - 5;
    const e = 5 - ((event.clientY - box.top) / box.height) * 10;
    set(p, e);
    surface.focus();
  });
  surface.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 1 : 0.5;
    const [p, e] = read() || [0, 0];
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) {
      event.preventDefault();
      const placed = read();
      set(placed ? p + moves[event.key][0] : 0, placed ? e + moves[event.key][1] : 0);
    } else if (event.key === "Home") {
      event.preventDefault();
      set(0, 0);
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      clear.click();
    }
  });
  clear.addEventListener("click", () => {
    pInput.value = "";
    eInput.value = "";
    for (const input of [pInput, eInput]) input.dispatchEvent(new Event("input", { bubbles: true }));
    draw();
  });
  pInput.addEventListener("input", draw);
  eInput.addEventListener("input", draw);
  pInput.addEventListener("change", draw);
  eInput.addEventListener("change", draw);
  draw();
}

for (const root of document.querySelectorAll("[data-affectgrid]")) enhanceAffectGrid(root);

// Body map: the SVG regions open their panel of sensations; marked regions show what was marked.
// Works on any page that includes checkins/_bodymap.html; the checkboxes are ordinary fields.
import { enhanceRanges } from "./ranges.js";

function regionState(panel) {
  const boxes = [...panel.querySelectorAll("input[type=checkbox]")];
  const chosen = boxes.filter((b) => b.checked).map((b) => b.parentElement.textContent.trim().toLowerCase());
  const range = panel.querySelector("input[type=range]");
  const side = panel.querySelector("input[type=radio]:checked");
  return { chosen, intensity: range ? range.value : "", side: side ? side.value : "" };
}

function refresh(root, panel) {
  const key = panel.dataset.panel;
  const { chosen, intensity, side } = regionState(panel);
  const name = panel.querySelector(".bm-name").textContent;
  const status = panel.querySelector("[data-status]");
  const where = side ? `, ${side} side` : "";
  status.textContent = chosen.length ? `marked: ${chosen.join(", ")}, strength ${intensity}${where}` : "nothing marked";
  for (const link of root.querySelectorAll(`.bm-region[data-region="${key}"]`)) {
    link.classList.toggle("marked", chosen.length > 0);
    link.setAttribute("aria-label", chosen.length ? `${name}: ${chosen.join(", ")}` : name);
  }
}

function summarise(root) {
  const parts = [];
  for (const panel of root.querySelectorAll("[data-panel]")) {
    const { chosen, intensity, side } = regionState(panel);
    const where = side ? `, ${side} side` : "";
    if (chosen.length) parts.push(`${panel.querySelector(".bm-name").textContent} (${chosen.join(", ")}, ${intensity}${where})`);
  }
  const out = root.querySelector("[data-bm-summary]");
  if (out) out.textContent = parts.length ? `Marked so far: ${parts.join("; ")}.` : "";
}

export function openRegion(root, key) {
  const panel = root.querySelector(`[data-panel="${key}"]`);
  if (!panel) return;
  panel.open = true;
  panel.scrollIntoView({ block: "nearest" });
  const first = panel.querySelector("input");
  if (first) first.focus();
}

/** Marks as [{region, quality, intensity, side}], e.g. for word suggestions. */
export function readMarks(root) {
  const marks = [];
  for (const panel of root.querySelectorAll("[data-panel]")) {
    const range = panel.querySelector("input[type=range]");
    const side = panel.querySelector("input[type=radio]:checked");
    for (const box of panel.querySelectorAll("input[type=checkbox]:checked")) {
      marks.push({ region: panel.dataset.panel, quality: box.value, intensity: range ? Number(range.value) : null,
                   side: side ? side.value : "" });
    }
  }
  return marks;
}

export function enhanceBodymap(root) {
  if (root.dataset.enhanced) return;
  root.dataset.enhanced = "1";
  enhanceRanges(root);
  for (const link of root.querySelectorAll(".bm-region")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      openRegion(root, link.dataset.region);
    });
    link.addEventListener("keydown", (event) => {
      if (event.key === " ") { event.preventDefault(); openRegion(root, link.dataset.region); }
    });
  }
  root.addEventListener("change", (event) => {
    const panel = event.target.closest("[data-panel]");
    if (panel) { refresh(root, panel); summarise(root); }
  });
  root.addEventListener("input", (event) => {
    const panel = event.target.closest("[data-panel]");
    if (panel) refresh(root, panel);
  });
  for (const panel of root.querySelectorAll("[data-panel]")) refresh(root, panel);
  summarise(root);
}

for (const root of document.querySelectorAll("[data-bodymap]")) enhanceBodymap(root);

// The one-minute body scan: paced text, with quick marks that tick the body map's own boxes.
export function enhanceBodyscan(root) {
  if (root.dataset.enhanced) return;
  root.dataset.enhanced = "1";
  const form = root.closest("form") || document;
  const steps = [...root.querySelectorAll("[data-scan-step]")];
  const list = root.querySelector("[data-scan-steps]");
  const player = root.querySelector("[data-scan-player]");
  const text = root.querySelector("[data-scan-text]");
  const marks = root.querySelector("[data-scan-marks]");
  const start = root.querySelector("[data-scan-start]");
  let index = -1;
  let timer = null;
  start.hidden = false;
  list.hidden = true;

  const box = (region, quality) => form.querySelector(`input[name="body-${region}"][value="${quality}"]`);

  function show(i) {
    clearTimeout(timer);
    index = i;
    if (index >= steps.length) return finish();
    const step = steps[index];
    text.textContent = `${index + 1} of ${steps.length}. ${step.textContent.trim()}`;
    marks.replaceChildren();
    const region = step.dataset.region;
    for (const quality of (step.dataset.quick || "").split(" ").filter(Boolean)) {
      const target = region && box(region, quality);
      if (!target) continue;
      const b = document.createElement("button");
      b.type = "button";
      b.className = "chip-button";
      b.textContent = `${quality.replace("-", " ")} in the ${region}`;
      b.setAttribute("aria-pressed", String(target.checked));
      b.addEventListener("click", () => {
        target.checked = !target.checked;
        target.dispatchEvent(new Event("change", { bubbles: true }));
        b.setAttribute("aria-pressed", String(target.checked));
      });
      marks.append(b);
    }
    timer = setTimeout(() => show(index + 1), Number(step.dataset.seconds || 10) * 1000);
  }

  function finish() {
    clearTimeout(timer);
    player.hidden = true;
    start.hidden = false;
    start.textContent = "Do the body scan again";
    root.dispatchEvent(new CustomEvent("bodyscan:done", { bubbles: true }));
  }

  start.addEventListener("click", () => {
    start.hidden = true;
    player.hidden = false;
    show(0);
    text.focus?.();
  });
  root.querySelector("[data-scan-next]").addEventListener("click", () => show(index + 1));
  root.querySelector("[data-scan-stop]").addEventListener("click", finish);
}

for (const root of document.querySelectorAll("[data-bodyscan]")) enhanceBodyscan(root);

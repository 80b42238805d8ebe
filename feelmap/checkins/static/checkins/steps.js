// Full check-in: one station at a time, with Back and Next. Without this script the whole
// form shows at once, which works just as well.
export function enhanceSteps(form) {
  const steps = [...form.querySelectorAll("[data-step]")];
  if (steps.length < 2 || form.dataset.stepsReady) return;
  form.dataset.stepsReady = "1";
  const nav = document.createElement("div");
  nav.className = "step-nav";
  nav.innerHTML = `<p class="step-count" aria-live="polite"></p>
    <p class="step-buttons"><button type="button" class="secondary" data-step-back>Back</button>
    <button type="button" data-step-next>Next</button></p>
    <p class="small">Every step can be skipped: Next moves on without it.</p>`;
  form.querySelector(".form-actions").before(nav);
  const count = nav.querySelector(".step-count");
  const back = nav.querySelector("[data-step-back]");
  const next = nav.querySelector("[data-step-next]");
  let current = 0;

  function go(i, focus = true) {
    current = Math.max(0, Math.min(steps.length - 1, i));
    steps.forEach((s, n) => { s.hidden = n !== current; });
    const heading = steps[current].querySelector("h2");
    count.textContent = `Step ${current + 1} of ${steps.length}: ${heading.textContent.trim()}`;
    back.hidden = current === 0;
    next.hidden = current === steps.length - 1;
    if (focus) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }
  back.addEventListener("click", () => go(current - 1));
  next.addEventListener("click", () => go(current + 1));
  // An error summary link may point into a hidden step: show that step first.
  document.addEventListener("click", (event) => {
    const link = event.target.closest(".form-errors a[href^='#']");
    if (!link) return;
    const target = document.getElementById(link.getAttribute("href").slice(1));
    const step = target && target.closest("[data-step]");
    if (step) go(steps.indexOf(step), false);
  });
  const withError = steps.findIndex((s) => s.querySelector(".has-error"));
  go(withError >= 0 ? withError : 0, false);
}

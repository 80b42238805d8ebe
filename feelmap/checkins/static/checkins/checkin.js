// The check-in page: every component enhances itself on import; this wires steps and drafts.
import "./ranges.js";
import "./bodymap.js";
import "./affectgrid.js";
import "./bodyscan.js";
import "./naming.js";
import { enhanceSteps } from "./steps.js";
import { enhanceDraft } from "./draft.js";

const form = document.querySelector("[data-checkin-form]");
if (form) {
  if (form.dataset.mode === "full") enhanceSteps(form);
  const node = document.getElementById("server-draft");
  enhanceDraft(form, node ? JSON.parse(node.textContent) : null);
  // After a failed save, or when another tab saved first, take the person to what happened.
  const first = document.getElementById("checkin-conflict") || document.getElementById("form-errors");
  if (first) first.focus();
}

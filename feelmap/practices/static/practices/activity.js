// Senses activity: what the person writes is kept as a draft while they type (the check-ins'
// autosave), so a reload or a closed tab loses nothing.
import { enhanceDraft } from "../checkins/draft.js";

const form = document.getElementById("noticed-form");
const node = document.getElementById("server-draft");
if (form) enhanceDraft(form, node ? JSON.parse(node.textContent) : null);

// Save the safety plan a moment after the person stops typing, so nothing is ever lost.
const form = document.getElementById("safety-plan");
const status = form?.querySelector("[data-autosave-status]");
let timer = null;

async function save() {
  try {
    const response = await fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    const body = await response.json();
    if (response.ok) {
      status.textContent = `Saved at ${body.at}.`;
    } else {
      const first = Object.values(body.fields || {})[0];
      status.textContent = `Not saved yet: ${first ? first[0] : "please check your plan"}`;
    }
  } catch (error) {
    status.textContent = "Couldn't save just now. Your writing is still here; press \u201cSave my plan\u201d to try again.";
  }
}

if (form) {
  const later = () => { clearTimeout(timer); timer = setTimeout(save, 800); };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
}

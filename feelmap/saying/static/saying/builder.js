// The sentence builder: the text fills in from the parts as they are typed, until the person
// edits the text themselves (then it stays theirs; a button fills it in again). Chips put a
// word from recent check-ins into a part. Same sentence shape as builder.py on the server.

const form = document.getElementById("builder");

// "not sure", "don't know yet": the honest answer gets its own wording, as in builder.py.
const UNSURE = /^(?:i'?m |i am )?(?:not sure|unsure|(?:i )?don'?t know)(?: yet)?$/i;

function clause(value) {
  return value.trim().replace(/[.!?]+$/, "").trim();
}

export function compose({ feeling = "", nuance = "", also = "", when = "", need = "", request = "" }) {
  feeling = feeling.trim();
  also = also.trim();
  let phrase = feeling;
  if (feeling && also) phrase = `mixed: ${feeling} and ${also}`;
  else if (feeling && nuance) phrase = `${nuance} ${feeling}`;
  let first = phrase ? `I feel ${phrase}` : "";
  if (UNSURE.test(feeling.replace("\u2019", "'")) && !also) first = "I'm not sure yet what I feel";
  if (clause(when)) first = first ? `${first} when ${clause(when)}` : `When ${clause(when)}`;
  if (clause(need)) first = first ? `${first} because I need ${clause(need)}` : `I need ${clause(need)}`;
  const parts = first ? [`${first}.`] : [];
  let ask = clause(request);
  if (ask) {
    ask = ask[0].toLowerCase() + ask.slice(1);
    for (const lead of ["would you ", "could you ", "can you "]) {
      if (ask.toLowerCase().startsWith(lead)) ask = ask.slice(lead.length);
    }
    parts.push(`Would you ${ask}?`);
  }
  return parts.join(" ");
}

if (form) {
  const names = ["feeling", "nuance", "also", "when", "need", "request"];
  const text = form.querySelector("#text");
  const rebuild = form.querySelector("#rebuild");
  const current = () => Object.fromEntries(names.map((n) => [n, form.elements[n].value]));
  let composed = compose(current());
  // Text already there that the parts would not produce is the person's own: keep it.
  let edited = text.value.trim() !== "" && text.value !== composed;

  const refresh = () => {
    composed = compose(current());
    if (!edited) text.value = composed;
    rebuild.hidden = !edited;
  };
  for (const name of names) form.elements[name].addEventListener("input", refresh);
  form.elements.nuance.addEventListener("change", refresh);
  text.addEventListener("input", () => {
    edited = text.value !== composed;
    rebuild.hidden = !edited;
  });
  rebuild.addEventListener("click", () => {
    edited = false;
    refresh();
    text.focus();
  });
  for (const seeds of form.querySelectorAll(".seeds")) seeds.hidden = false;
  form.addEventListener("click", (event) => {
    const chip = event.target.closest("button[data-fill]");
    if (!chip) return;
    const field = form.elements[chip.dataset.fill];
    field.value = chip.dataset.value;
    refresh();
    field.focus();
  });
  rebuild.hidden = !edited;
  // After "Check it", take keyboard and screen-reader users straight to the notes.
  const notes = document.querySelector("#checks [data-focus]");
  if (notes) notes.focus();
}

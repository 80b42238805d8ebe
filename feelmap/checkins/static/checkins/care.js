// A kind word beside a heavy feeling (hopeless, worthless, despairing...) and the way to help.
// One source for the words: the check-in's naming and the journal's "words you used" both show
// this, and checkins/_care_note.html says the same for pages built on the server.

export const HELP_TEXT = "If it is very heavy right now, or you might not be safe, you don't have to carry it alone: ";
export const HELP_LINK = "see who you can talk to now";

// `note` is the vocabulary's kind note (or empty), `offerHelp` whether to show the crisis link.
// Returns the box to show, or null when the word needs neither.
export function careNote({ note, offerHelp }, crisisUrl) {
  if (!note && !offerHelp) return null;
  const box = document.createElement("div");
  box.className = "notice kind-note";
  if (note) {
    const p = document.createElement("p");
    p.textContent = note;
    box.append(p);
  }
  if (offerHelp) {
    const p = document.createElement("p");
    const a = document.createElement("a");
    a.href = crisisUrl;
    a.textContent = HELP_LINK;
    p.append(HELP_TEXT, a, ".");
    box.append(p);
  }
  return box;
}

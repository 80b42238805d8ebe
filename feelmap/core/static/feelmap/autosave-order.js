// Autosaves and the form's own sending, kept in order.
//
// A page that autosaves what is being written (a check-in, a journal entry, a questionnaire)
// must not let an autosave reach the server after the form itself was sent (to save, finish or
// let go of those words): handled later, it would store a draft of words already saved, and the
// next visit would offer them back as unfinished. So once the form is sent, a waiting autosave
// is dropped (`closed` turns true: the page's save function checks it before starting), one
// still under way is waited for (HOLD_MS at most, then the form goes anyway), and none starts
// afterwards; back on the page from the browser's history, autosaving starts again.

export const HOLD_MS = 5000;

export function autosaveOrder({ holdMs = HOLD_MS } = {}) {
  let saving = null;  // settles once every autosave request under way has had its answer
  let leaving = false;  // the form was sent: no autosave may follow it
  let holding = false;  // a send is waiting for an autosave to finish
  const atMost = () => new Promise((resolve) => { setTimeout(resolve, holdMs); });

  window.addEventListener("pageshow", (event) => {
    if (event.persisted) leaving = false;  // back on this page from the history: autosave again
  });

  return {
    // True once the form was sent (or the page is letting its words go): start no autosave.
    get closed() { return leaving; },

    // Note an autosave request under way (the promise `fetch` gave); returns it unchanged.
    track(request) {
      const settled = Promise.all([saving, request.catch(() => null)]);
      saving = settled;
      settled.then(() => { if (saving === settled) saving = null; });
      return request;
    },

    // A form's "submit" listener: the sending waits for autosaves under way, then goes.
    hold(event) {
      if (event.defaultPrevented) return;  // another listener stopped this sending
      leaving = true;
      if (holding) {  // already on its way once
        event.preventDefault();
        return;
      }
      if (!saving) return;
      event.preventDefault();
      holding = true;
      const form = event.target;
      const submitter = event.submitter;
      Promise.race([saving, atMost()]).then(() => {
        saving = null;
        holding = false;
        form.requestSubmit(submitter);
      });
    },

    // For a leave that is not a form's sending (a "start again" button that asks the server
    // with a script): stop autosaving, and resolve once autosaves under way are done.
    settle() {
      leaving = true;
      return saving ? Promise.race([saving, atMost()]) : Promise.resolve();
    },
  };
}

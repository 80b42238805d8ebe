// After a check-in is saved, forget the browser's copy of its draft.
import { clearSubmittedDrafts } from "./draft.js";

clearSubmittedDrafts();

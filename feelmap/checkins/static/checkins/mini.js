// Mini check-in (affect grid + one word + "not sure"): every part enhances itself on import.
import "./ranges.js";
import "./affectgrid.js";
import "./bodyscan.js";
import "./naming.js";

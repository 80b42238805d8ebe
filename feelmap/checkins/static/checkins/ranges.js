// Show the current number next to every range slider marked data-range-output.
export function enhanceRanges(root = document) {
  for (const input of root.querySelectorAll("input[type=range][data-range-output]")) {
    if (input.dataset.rangeReady) continue;
    input.dataset.rangeReady = "1";
    const output = input.parentElement.querySelector(`output[for="${input.id}"]`);
    const show = () => { if (output) output.value = input.value; };
    input.addEventListener("input", show);
    input.addEventListener("change", show);
    show();
  }
}

enhanceRanges();

// Enhancement only: every page works without JavaScript.
import { initAll } from "./govuk-frontend.min.js";

initAll();

// GOV.UK Frontend marks radios and checkboxes that reveal a question with aria-expanded,
// which ARIA does not allow on those roles (axe: aria-allowed-attr). The revealed question
// follows its choice in reading order, so the attribute adds nothing: take it off after
// GOV.UK Frontend's own handlers have run.
function removeAriaExpandedFromChoices() {
  for (const input of document.querySelectorAll("input[type=radio][aria-expanded], input[type=checkbox][aria-expanded]")) {
    input.removeAttribute("aria-expanded");
  }
}
removeAriaExpandedFromChoices();
document.addEventListener("click", removeAriaExpandedFromChoices);
document.addEventListener("change", removeAriaExpandedFromChoices);
// GOV.UK Frontend syncs again on pageshow (back/forward cache): follow it.
window.addEventListener("pageshow", removeAriaExpandedFromChoices);

// "Copy" buttons: shown only where this script runs (they are `hidden` in the HTML); without it the
// address stays selectable in its read-only field.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-done");
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) status.textContent = status.getAttribute("data-copied");
      }, function () {
        field.select();
      });
    });
  });
})();

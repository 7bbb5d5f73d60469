// The header's menus are <details> elements and work without this file. With it, Escape closes an
// open menu and returns focus to its summary, and opening one menu closes the other.
(function () {
  "use strict";
  var menus = document.querySelectorAll(".site-header details");
  function closeAll(except) {
    menus.forEach(function (menu) {
      if (menu !== except) menu.removeAttribute("open");
    });
  }
  menus.forEach(function (menu) {
    menu.addEventListener("toggle", function () {
      if (menu.open) closeAll(menu);
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    menus.forEach(function (menu) {
      if (!menu.open) return;
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".site-header details")) closeAll(null);
  });
})();

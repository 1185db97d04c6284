// The site's one script for every page (templates/base.html). Loaded in <head>: it marks the
// page as scripted at once, so the phone menu is closed from the first paint; without
// scripts the menu simply stays open.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", function () {
  // The header's "Menu" button opens and closes the menu on a phone (on a wide screen the
  // links stand in the header and the button is hidden). Escape closes it.
  var button = document.querySelector(".menu-button");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (menu) {
    var setOpen = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    };
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  // A form sent back with errors: its summary (role="alert") takes the focus, so a screen
  // reader reads it and the keyboard starts there; each error links to its field.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      // A group of radio buttons or checkboxes is named by its wrapper: focus its first input.
      var field = target && (target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea"));
      if (field) {
        event.preventDefault();
        field.focus();
        field.scrollIntoView({ block: "center" });
      }
    });
  }
});

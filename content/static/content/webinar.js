// Shows a webinar's time in the visitor's own time zone when it differs from Almaty's.
// The words come from the page (data-months, data-weekdays, in the page's language) and the
// numbers from the Date itself, so the line reads right in a browser without Kazakh data.
document.addEventListener("DOMContentLoaded", function () {
  function clock(date) {
    return String(date.getHours()).padStart(2, "0") + ":" + String(date.getMinutes()).padStart(2, "0");
  }
  // A locale every browser has, only to tell whether the two zones show the same time.
  var numeric = { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" };
  document.querySelectorAll(".local-time time[datetime]").forEach(function (element) {
    var start = new Date(element.getAttribute("datetime"));
    var end = new Date(element.dataset.until);
    var almaty = new Intl.DateTimeFormat("en-GB", Object.assign({ timeZone: "Asia/Almaty" }, numeric)).format(start);
    if (new Intl.DateTimeFormat("en-GB", numeric).format(start) === almaty) return;
    var months = element.dataset.months.split("|");
    var weekdays = element.dataset.weekdays.split("|");
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    element.textContent = weekdays[start.getDay()] + ", " + start.getDate() + " " + months[start.getMonth()] +
      ", " + clock(start) + "–" + clock(end) + (zone ? " (" + zone + ")" : "");
    element.closest(".local-time").hidden = false;
  });
});

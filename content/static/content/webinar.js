// Shows a webinar's time in the visitor's own time zone when it differs from Almaty's.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".local-time time[datetime]").forEach(function (element) {
    var start = new Date(element.getAttribute("datetime"));
    var end = new Date(element.dataset.until);
    var lang = document.documentElement.lang || undefined;
    var options = { weekday: "short", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" };
    var almaty = new Intl.DateTimeFormat(lang, Object.assign({ timeZone: "Asia/Almaty" }, options)).format(start);
    var local = new Intl.DateTimeFormat(lang, options).format(start);
    if (local === almaty) return;
    var until = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" }).format(end);
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    element.textContent = local + "–" + until + (zone ? " (" + zone + ")" : "");
    element.closest(".local-time").hidden = false;
  });
});

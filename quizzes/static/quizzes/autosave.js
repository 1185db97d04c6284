// Saves answers as the learner goes, so a lost connection loses nothing already chosen, and
// says so in words: "Saved at 13:05" or "Not saved — check your connection" (a polite live
// region, rewritten only when the words change).
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  var status = document.querySelector(".autosave-status");
  var timer = null;
  var failed = false;

  function clockTime() {
    var options = { hour: "2-digit", minute: "2-digit", hour12: false };
    var zone = status && status.dataset.timeZone;
    try {
      // The server's time zone, the one "Submit before" is written in.
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined,
        zone ? Object.assign({ timeZone: zone }, options) : options).format(new Date());
    } catch (error) {
      return new Intl.DateTimeFormat(undefined, options).format(new Date());
    }
  }

  function say(saved) {
    failed = !saved;
    if (!status) return;
    var words = saved ? (status.dataset.saved || "").replace("{time}", clockTime()) : status.dataset.failed || "";
    status.classList.toggle("failed", !saved);
    if (status.textContent !== words) status.textContent = words;
  }

  function save() {
    clearTimeout(timer);
    var data = new FormData(form);
    data.set("action", "autosave");
    // form.action would be the buttons named "action", not the attribute.
    fetch(form.getAttribute("action") || window.location.href, {
      method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (response.status === 409) { window.location.reload(); return null; }
        // A lapsed session answers with the login page: only {"saved": true} counts.
        return response.json().then(function (body) { say(response.ok && body.saved === true); },
                                    function () { say(false); });
      })
      .catch(function () { say(false); });
  }

  function later(delay) {
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  form.addEventListener("change", function () { later(400); });
  // Text is saved while it is typed too (a long essay), once the typing pauses.
  form.addEventListener("input", function (event) {
    if (event.target.matches("input[type=text], textarea")) later(2000);
  });
  window.addEventListener("online", function () { if (failed) save(); });
})();

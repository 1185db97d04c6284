// Saves answers as the learner goes, so a lost connection loses nothing already chosen.
(function () {
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) return;
  var status = form.querySelector(".autosave-status");
  var timer = null;
  function save() {
    var data = new FormData(form);
    data.set("action", "autosave");
    // form.action would be the buttons named "action", not the attribute.
    fetch(form.getAttribute("action") || window.location.href, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 409) { window.location.reload(); return; }
        if (status) status.textContent = response.ok ? status.dataset.saved || "✓" : "";
      })
      .catch(function () { if (status) status.textContent = "…"; });
  }
  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  });
})();

// The question navigator follows the answers as they are given, and "Submit the test"
// with questions unanswered asks first, in a dialog ("You have not answered 3 of 10
// questions"). Without this script the server asks the same on a page of its own.
(function () {
  var form = document.querySelector("form.quiz-form");
  var nav = document.querySelector(".question-nav");
  if (!form || !nav) return;
  var count = nav.querySelector(".question-nav-count");
  var dialog = document.querySelector("dialog.submit-confirm");
  var pending = null;

  // Answered when every field of the question holds something: each group of radio
  // buttons (a matching question has one per item) and each text box; for check boxes,
  // at least one ticked. The server judges a saved answer the same way.
  function isAnswered(question) {
    var filled = {};
    question.querySelectorAll("input, select, textarea").forEach(function (field) {
      if (!field.name || field.type === "hidden" || field.disabled) return;
      var has = field.type === "radio" || field.type === "checkbox" ? field.checked : field.value.trim() !== "";
      filled[field.name] = filled[field.name] || has;
    });
    var names = Object.keys(filled);
    return names.length > 0 && names.every(function (name) { return filled[name]; });
  }

  function itemFor(position) {
    return nav.querySelector('.question-nav-item[data-position="' + position + '"]');
  }

  function unanswered() {
    return nav.querySelectorAll(".question-nav-item:not(.answered)");
  }

  function update(question) {
    var item = itemFor(question.dataset.position);
    if (!item) return;
    var answered = isAnswered(question);
    if (item.classList.contains("answered") === answered) return;
    item.classList.toggle("answered", answered);
    item.querySelector(".mark").classList.toggle("filled", answered);
    item.querySelector(".state").textContent = answered ? nav.dataset.answered : nav.dataset.unanswered;
    var total = nav.querySelectorAll(".question-nav-item").length;
    count.textContent = count.dataset.template.replace("{answered}", total - unanswered().length);
  }

  function follow(event) {
    var question = event.target.closest && event.target.closest("fieldset.question");
    if (question) update(question);
  }
  form.addEventListener("input", follow);
  form.addEventListener("change", follow);

  if (!dialog || typeof dialog.showModal !== "function") return;
  var text = dialog.querySelector("#submit-confirm-text");

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.name !== "action" || button.value !== "submit") return;
    if (form.querySelector("input[name=confirmed]")) return;
    var missing = unanswered().length;
    if (!missing) return;
    event.preventDefault();
    pending = button;
    text.textContent = dialog.dataset.template.replace("{missing}", missing);
    dialog.showModal();
  });

  dialog.querySelector("[data-confirm]").addEventListener("click", function () {
    var confirmed = document.createElement("input");
    confirmed.type = "hidden";
    confirmed.name = "confirmed";
    confirmed.value = "1";
    form.appendChild(confirmed);
    dialog.close();
    if (typeof form.requestSubmit === "function") form.requestSubmit(pending);
    else pending.click();
  });

  // Back to the first unanswered question: its first field when it is on this page, else
  // its button in the navigator (a question on another page of a one-per-page test).
  dialog.querySelector("[data-cancel]").addEventListener("click", function () {
    dialog.close();
    var first = unanswered()[0];
    if (!first) return;
    var question = document.getElementById("question-" + first.dataset.position);
    var field = question && question.querySelector("input:not([type=hidden]), select, textarea");
    if (field) {
      question.scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    } else {
      first.focus();
    }
  });
})();

// The time left of a timed attempt, as mm:ss (h:mm:ss over an hour). It starts from the
// seconds the server counted when it drew the page, so a reload shows the right time
// whatever the phone's clock says. Screen readers hear it at 5 minutes and at 1 minute
// left, not every second. When the time runs out the answers are submitted (confirmed:
// the unanswered-questions question must not hold a timed-out attempt back); the server
// would close the attempt anyway.
(function () {
  var countdown = document.querySelector(".countdown[data-seconds-left]");
  var form = document.querySelector("form.quiz-form");
  if (!countdown || !form) return;
  var clock = countdown.querySelector(".countdown-clock");
  var announcer = document.querySelector(".countdown-announcer");
  var secondsAtLoad = Number(countdown.dataset.secondsLeft) || 0;
  var deadline = Date.now() + secondsAtLoad * 1000;
  // Said once each, and only when crossed while the page is open.
  var warnings = [[300, countdown.dataset.five], [60, countdown.dataset.one]].filter(function (w) {
    return secondsAtLoad > w[0];
  });
  var ticking = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function format(seconds) {
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = pad(minutes) + ":" + pad(seconds % 60);
    return hours ? hours + ":" + rest : rest;
  }

  function announce(words) {
    if (announcer && words) announcer.textContent = words;
  }

  function field(name, value) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }

  function submitNow() {
    clearInterval(ticking);
    announce(countdown.dataset.timeUp);
    var dialog = document.querySelector("dialog.submit-confirm");
    if (dialog && dialog.open) dialog.close();
    field("action", "submit");
    field("confirmed", "1");
    // Not requestSubmit: no question before submitting, and no button's value is sent.
    HTMLFormElement.prototype.submit.call(form);
  }

  function tick() {
    var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    clock.textContent = format(left);
    countdown.classList.toggle("ending", left <= 300);
    while (warnings.length && left <= warnings[0][0]) announce(warnings.shift()[1]);
    // A second early: the answers sent with the submit still count.
    if (left <= 1) submitNow();
  }

  countdown.hidden = false;
  tick();
  ticking = setInterval(tick, 500);
})();

// After an answer arrives (htmx), clear the question and scroll to the answer.
// A static file instead of hx-on: the Content-Security-Policy allows no inline code or eval.
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target.closest && event.target.closest("form.ask");
  if (!form || !event.detail.successful) return;
  form.reset();
  var chat = document.getElementById("chat");
  if (chat && chat.lastElementChild) chat.lastElementChild.scrollIntoView({ block: "end" });
});

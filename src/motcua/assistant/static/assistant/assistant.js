// After htmx appends an exchange: empty the question box and show the answer.
// (A file rather than an hx-on attribute: the Content-Security-Policy allows no inline code.)
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.target;
  if (!form.classList || !form.classList.contains("ask") || !event.detail.successful) return;
  form.reset();
  var chat = document.getElementById("chat");
  if (chat && chat.lastElementChild) chat.lastElementChild.scrollIntoView({ block: "end" });
});

/// The portal's script: small enhancements on top of pages that work without it.
/// - a form with `data-confirm` asks for confirmation before it is sent (leaving a program);
/// - in a "Did you meet?" form, the rating is disabled unless the answer is "yes";
/// - a notice with `data-dismiss` can be closed.
/// No inline handler anywhere, so the CSP's `script-src 'self'` holds.
enum PortalScript {
    static let source = #"""
    "use strict";
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var question = form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) { event.preventDefault(); }
    });
    function syncRating(form) {
      var answer = form.querySelector("input[name=met]:checked");
      var rating = form.querySelector("select[name=rating]");
      if (!rating) { return; }
      rating.disabled = !(answer && answer.value === "yes");
    }
    document.querySelectorAll("form[data-feedback]").forEach(function (form) {
      syncRating(form);
      form.addEventListener("change", function () { syncRating(form); });
    });
    document.querySelectorAll("[data-dismiss]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var notice = button.closest(".notice");
        if (notice) { notice.remove(); }
      });
    });
    """#
}

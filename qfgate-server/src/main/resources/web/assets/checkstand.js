// The hosted checkout (/checkstand/). QFPay's links carry their parameters in the URL fragment,
// which browsers never send: move them to the query string so the server can read them.
(function () {
  'use strict';
  function fragmentToQuery() {
    var params = location.hash.replace(/^#\/?\??/, '');
    if (params) {
      location.replace(location.pathname + '?' + params);
      return true;
    }
    return false;
  }
  var opening = document.getElementById('cs-opening');
  if (opening) {
    // A link followed from the page itself changes only the fragment: no new page is loaded.
    window.addEventListener('hashchange', fragmentToQuery);
    if (!location.search && fragmentToQuery()) {
      return;
    }
    if (!location.search) {
      opening.hidden = true;
      document.getElementById('cs-no-link').hidden = false;
    }
  }
  // The viewport's width, for the server to tell a phone from a desktop (docs/api.md).
  var vw = document.querySelector('input[name=vw]');
  if (vw) {
    vw.value = String(window.innerWidth);
  }
  // checkout_expired_time: the server says how long is left, so the shopper's clock does not matter.
  var page = document.getElementById('cs');
  if (page && page.dataset.failedUrl) {
    var left = parseInt(page.dataset.expiresIn, 10);
    if (left >= 0) {
      setTimeout(function () { location.assign(page.dataset.failedUrl); }, left);
    }
  }
})();

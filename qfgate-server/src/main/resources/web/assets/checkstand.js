// The hosted checkout (/checkstand/). QFPay's links carry their parameters in the URL fragment,
// which browsers never send: move them to the query string so the server can read them.
(function () {
  'use strict';
  var hash = location.hash;
  if (!location.search && hash) {
    var params = hash.replace(/^#\/?\??/, '');
    if (params) {
      location.replace(location.pathname + '?' + params);
      return;
    }
  }
  var noLink = document.getElementById('cs-no-link');
  if (noLink && !location.search) {
    document.getElementById('cs-opening').hidden = true;
    noLink.hidden = false;
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

// Starts the kiosk's configuration request while the app's modules are still loading (CSP allows no inline script).
(function () {
  var id = decodeURIComponent(location.pathname.split('/')[2] || '');
  if (id) window.__kioskConfig = fetch('/api/v1/config/' + encodeURIComponent(id), { cache: 'no-store' });
})();

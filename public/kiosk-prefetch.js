(function(){var i=decodeURIComponent(location.pathname.split('/')[2]||'');if(i)window.__kioskConfig=fetch('/api/v1/config/'+encodeURIComponent(i),{cache:'no-store'})})();

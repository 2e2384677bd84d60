/** The display token: given once in the URL fragment (never sent to the server in a URL), then kept on this screen. */
const key = (siteId: string) => `display-token:${siteId}`;

export function displayToken(siteId: string): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    localStorage.setItem(key(siteId), fromHash);
    history.replaceState(null, '', location.pathname); // the token leaves the address bar
    return fromHash;
  }
  return localStorage.getItem(key(siteId));
}

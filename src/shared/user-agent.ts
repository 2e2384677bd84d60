/** A tablet's model and browser from its user-agent string, short enough for a fleet table. */

export interface DeviceLabel { model: string | null; browser: string | null }

const BROWSERS: [RegExp, string][] = [
  [/EdgA?\/(\d+)/, 'Edge'], [/SamsungBrowser\/(\d+)/, 'Samsung Internet'], [/HuaweiBrowser\/(\d+)/, 'Huawei Browser'],
  [/MiuiBrowser\/(\d+)/, 'MIUI Browser'], [/Firefox\/(\d+)/, 'Firefox'], [/CriOS\/(\d+)/, 'Chrome'], [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
];

/** Model (Android build model, iPad, Windows, ChromeOS …) and browser with its major version. */
export function deviceLabel(ua: string): DeviceLabel {
  const browserHit = BROWSERS.map(([re, name]) => [ua.match(re), name] as const).find(([m]) => m);
  const browser = browserHit ? `${browserHit[1]} ${browserHit[0]![1]}` : null;
  const android = ua.match(/Android [\d.]+; (?:[a-z]{2}[-_][A-Za-z]{2}; )?([^;)]+?)(?: Build\/[^;)]*)?\)/);
  const model = android && android[1]!.trim() !== 'K' ? android[1]!.trim()
    : /iPad/.test(ua) ? 'iPad' : /iPhone/.test(ua) ? 'iPhone' : /CrOS/.test(ua) ? 'ChromeOS'
    : /Windows NT/.test(ua) ? 'Windows' : /Macintosh/.test(ua) ? 'Mac' : /Android/.test(ua) ? 'Android' : /Linux/.test(ua) ? 'Linux' : null;
  return { model, browser };
}

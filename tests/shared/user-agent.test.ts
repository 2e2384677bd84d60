import { describe, it, expect } from 'vitest';
import { deviceLabel } from '../../src/shared/user-agent';

describe('a tablet named in the fleet view by its user agent', () => {
  it('names an Android tablet by its build model and Chrome by its major version', () => {
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 13; SM-X200 Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.230 Safari/537.36'))
      .toEqual({ model: 'SM-X200', browser: 'Chrome 120' });
  });

  it('names a Huawei tablet and its own browser', () => {
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 10; HarmonyOS; BAH3-W09; HMSCore 6.11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.2.311 Safari/537.36').browser)
      .toBe('Huawei Browser 14');
  });

  it('names an iPad with Safari, and a frozen Android user agent only as Android', () => {
    expect(deviceLabel('Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1'))
      .toEqual({ model: 'iPad', browser: 'Safari 17' });
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'))
      .toEqual({ model: 'Android', browser: 'Chrome 131' });
  });

  it('says nothing it cannot tell', () => {
    expect(deviceLabel('')).toEqual({ model: null, browser: null });
  });
});

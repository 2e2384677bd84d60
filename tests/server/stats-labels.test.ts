/** Names of windows, staff and reasons as the endpoint gives them to the dashboard, in Chinese and English. */
import { describe, expect, it } from 'vitest';
import { ConfigIndex, loadConfig } from '../../src/server/config/load';
import { reasonLabel, staffNames, windowLabel, windowNames } from '../../src/server/stats/labels';
import { CONFIG_DIR } from './testkit';

const base = loadConfig(CONFIG_DIR);
// A hall that named a window and a reason in Chinese only.
const site = { ...base.sites[0]!, reasons: [...base.sites[0]!.reasons, { code: 'queue', zh: '排队时间长', en: '' }] };
const config = new ConfigIndex({ ...base, sites: [site], windows: [...base.windows, { id: 'w99', siteId: site.id, number: '99', name: { zh: '综合窗口', en: ' ' } }] });

describe('names in both staff languages', () => {
  it('a window is named by number and name, in English where the config has it and in Chinese where it has none', () => {
    expect(windowNames(config, 'w01')).toEqual({ zh: '01 综合受理', en: '01 General Intake' });
    expect(windowNames(config, 'w99')).toEqual({ zh: '99 综合窗口', en: '99 综合窗口' });
    expect(windowLabel(config, 'w01')).toBe('01 综合受理');
    expect(windowNames(config, 'gone')).toEqual({ zh: 'gone', en: 'gone' });
  });

  it('a reason is named as its hall names it, in Chinese where the hall gave no English', () => {
    expect(reasonLabel(site, 'slow')).toEqual({ zh: '办事效率低', en: 'Slow service' });
    expect(reasonLabel(site, 'queue')).toEqual({ zh: '排队时间长', en: '排队时间长' });
    expect(reasonLabel(site, 'unknown_code')).toEqual({ zh: 'unknown_code', en: 'unknown_code' });
  });

  it('a staff member keeps their name and number, with the punctuation of each language', () => {
    expect(staffNames(config, 's1001')).toEqual({ zh: '王丽（1001）', en: '王丽 (1001)' });
    expect(staffNames(config, '')).toEqual({ zh: '（未登记）', en: '(not signed in)' });
  });
});

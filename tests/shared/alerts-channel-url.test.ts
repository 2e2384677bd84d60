/** Which addresses an alert channel may be saved with: a robot only its vendor's webhook, a generic webhook https or the hall's own network. */
import { describe, expect, it } from 'vitest';
import { channelUrlProblem, isHallAddress } from '../../src/shared/alerts/channel-url';

describe('alert channel addresses', () => {
  it('DingTalk, WeCom and Feishu/Lark robots take their documented webhooks, with the token, over https only', () => {
    expect(channelUrlProblem('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc')).toBeNull();
    expect(channelUrlProblem('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6')).toBeNull();
    expect(channelUrlProblem('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/0c3e1b2a')).toBeNull();
    expect(channelUrlProblem('feishu', 'https://open.larksuite.com/open-apis/bot/v2/hook/0c3e1b2a')).toBeNull();
    expect(channelUrlProblem('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=')).toBe('not_robot');
    expect(channelUrlProblem('wecom', 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K')).toBe('not_robot');
    expect(channelUrlProblem('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/a/b')).toBe('not_robot');
    expect(channelUrlProblem('feishu', 'https://oapi.dingtalk.com/robot/send?access_token=abc')).toBe('not_robot');
    expect(channelUrlProblem('dingtalk', 'not a url')).toBe('not_robot');
  });

  it('a generic webhook takes https anywhere, and plain http only to this machine or a private address', () => {
    expect(channelUrlProblem('webhook', 'https://oa.example.gov.cn/hook')).toBeNull();
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost/hook', 'http://10.1.2.3/hook', 'http://172.20.0.9/hook', 'http://192.168.0.8/hook', 'http://[::1]/hook', 'http://[fd12::8]/hook']) {
      expect(channelUrlProblem('webhook', url), url).toBeNull();
    }
    for (const url of ['http://172.32.0.1/hook', 'http://8.8.8.8/hook', 'http://oa.example.gov.cn/hook', 'http://[2001:db8::1]/hook', 'ftp://192.168.0.8/hook']) {
      expect(channelUrlProblem('webhook', url), url).toBe('not_https');
    }
  });

  it('a hall address is loopback or private, never a public one that merely starts alike', () => {
    expect(['127.0.0.1', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', 'LOCALHOST', '[::1]'].every(isHallAddress)).toBe(true);
    expect(['172.15.0.1', '192.169.0.1', '11.0.0.1', '1.2.3.4', 'example.com', '[fe80::1]'].some(isHallAddress)).toBe(false);
  });
});

/** Strings of the HTTPS setup page and the insecure-context notice, kept apart from the citizen screens. */
import type { Lang } from './dict';

const zh = {
  insecureTitle: '此页面不是安全连接（HTTPS）',
  insecureBody: '没有 HTTPS，本机无法离线评价、无法自行生成二维码、工作人员 PIN 无法离线登录。评价仍可在线提交。',
  insecureFix: '请管理员为服务器启用 HTTPS，并按设置页面的步骤在本机安装大厅证书：',
  setupTitle: '在平板上信任大厅证书',
  setupIntro: '大厅服务器使用本地证书颁发机构（CA）提供 HTTPS。每台平板安装并信任一次该 CA 证书后，终端即可离线工作。',
  secureNow: '当前连接安全（HTTPS），本机已信任服务器证书。',
  notSecureNow: '当前连接不安全。请先安装证书，再用 https:// 地址打开。',
  download: '下载大厅 CA 证书',
  fingerprint: '证书指纹（SHA-256），安装时请核对：',
  noCa: '服务器未配置本地 CA 证书（使用公共证书或反向代理时无需安装）。',
  validUntil: '有效期至',
  androidTitle: 'Android 平板（Chrome）',
  android1: '在平板的 Chrome 中打开本页，点击上方“下载大厅 CA 证书”。',
  android2: '打开“设置 → 安全和隐私 → 更多安全设置 → 加密与凭据 → 安装证书 → CA 证书”，点击“仍然安装”。',
  android3: '选择下载的 hall-ca.crt，按提示输入锁屏密码；核对指纹与本页一致。',
  android4: '用 https 地址打开配对页面 {url}，在 Chrome 菜单中选择“安装应用”或“添加到主屏幕”。',
  iosTitle: 'iPad（Safari）',
  ios1: '在 iPad 的 Safari 中打开本页，点击“下载大厅 CA 证书”，在提示中选择“允许”。',
  ios2: '打开“设置 → 已下载描述文件”，点击“安装”，输入密码后再次点击“安装”。',
  ios3: '打开“设置 → 通用 → 关于本机 → 证书信任设置”，为大厅 CA 打开“完全信任”。',
  ios4: '在 Safari 中用 https 地址打开配对页面 {url}，点击“分享 → 添加到主屏幕”。',
  afterTitle: '完成后',
  after1: '从主屏幕图标打开终端，输入管理员提供的配对码。',
  after2: '在工作人员页面中确认没有“不是安全连接”的提示。',
} as const;

const en: { readonly [K in keyof typeof zh]: string } = {
  insecureTitle: 'This page is not a secure connection (HTTPS)',
  insecureBody: 'Without HTTPS this device cannot take ratings offline, sign its own QR codes or check staff PINs offline. Ratings still go through while online.',
  insecureFix: 'Ask an admin to enable HTTPS on the server and install the hall certificate on this device as the setup page explains:',
  setupTitle: 'Trust the hall certificate on a tablet',
  setupIntro: 'The hall server provides HTTPS with a local certificate authority (CA). Once each tablet installs and trusts that CA certificate, kiosks work offline.',
  secureNow: 'This connection is secure (HTTPS): this device trusts the server certificate.',
  notSecureNow: 'This connection is not secure. Install the certificate first, then open the https:// address.',
  download: 'Download the hall CA certificate',
  fingerprint: 'Certificate fingerprint (SHA-256); compare it while installing:',
  noCa: 'The server has no local CA certificate configured (nothing to install with a public certificate or behind a proxy).',
  validUntil: 'valid until',
  androidTitle: 'Android tablet (Chrome)',
  android1: 'Open this page in Chrome on the tablet and tap "Download the hall CA certificate" above.',
  android2: 'Open Settings → Security & privacy → More security settings → Encryption & credentials → Install a certificate → CA certificate, and tap "Install anyway".',
  android3: 'Pick the downloaded hall-ca.crt and confirm with the screen lock; check the fingerprint matches this page.',
  android4: 'Open the pairing page {url} at its https address and choose "Install app" or "Add to Home screen" in the Chrome menu.',
  iosTitle: 'iPad (Safari)',
  ios1: 'Open this page in Safari on the iPad, tap "Download the hall CA certificate" and choose "Allow".',
  ios2: 'Open Settings → Profile Downloaded, tap Install, enter the passcode and tap Install again.',
  ios3: 'Open Settings → General → About → Certificate Trust Settings and turn on full trust for the hall CA.',
  ios4: 'Open the pairing page {url} at its https address in Safari and tap Share → Add to Home Screen.',
  afterTitle: 'Afterwards',
  after1: 'Open the kiosk from its home-screen icon and enter the pairing code from an admin.',
  after2: 'Check the staff corner shows no "not a secure connection" notice.',
};

export type DeployText = typeof en;
export const DEPLOY_TEXT: Record<Lang, DeployText> = { 'zh-CN': zh, en };

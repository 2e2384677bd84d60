/** The admin's integration keys screen: keys of queue and receipt systems that issue case codes (一事一评). */
import { dictionary, type Texts } from './dict';

const zh = {
  title: '对接密钥',
  intro: '叫号机、取号机或受理系统用对接密钥为本大厅的窗口生成“一事一评”二维码（POST /api/v1/qr/case）。每个系统一把密钥，停用的系统请立即吊销。',
  label: '名称',
  labelHint: '例：一楼叫号机',
  create: '生成密钥',
  newKey: '新密钥：{label}',
  onceNote: '密钥仅显示这一次，离开或刷新本页后无法再次查看。请立即复制并填入该系统；遗失后请吊销并重新生成。',
  copy: '复制密钥',
  copied: '已复制到剪贴板',
  copyFailed: '无法写入剪贴板，请手动选中密钥复制',
  saved: '我已保存，隐藏密钥',
  live: '有效',
  revokedAt: '已吊销 {at}',
  revoke: '吊销',
  revokeConfirm: '吊销对接密钥“{label}”？使用它的系统将无法再生成二维码。',
  revokedNotice: '“{label}”已吊销',
  none: '本大厅尚无对接密钥',
} as const;

const en: Texts<typeof zh> = {
  title: 'Integration keys',
  intro: 'A queue, ticket or case system uses an integration key to issue case codes for this hall\'s windows (POST /api/v1/qr/case). One key per system; revoke the key of a system taken out of service at once.',
  label: 'Label',
  labelHint: 'e.g. ground-floor queue system',
  create: 'Create key',
  newKey: 'New key: {label}',
  onceNote: 'This key is shown only once; after you leave or reload this page it cannot be shown again. Copy it into the system now; if it is lost, revoke it and create a new one.',
  copy: 'Copy key',
  copied: 'Copied to the clipboard',
  copyFailed: 'Could not write to the clipboard; select the key and copy it by hand',
  saved: 'I have saved it; hide the key',
  live: 'Live',
  revokedAt: 'Revoked {at}',
  revoke: 'Revoke',
  revokeConfirm: 'Revoke the integration key “{label}”? The system using it can no longer issue case codes.',
  revokedNotice: '“{label}” revoked',
  none: 'No integration keys for this hall yet',
} as const;

export const adminKeysText = dictionary(zh, en);

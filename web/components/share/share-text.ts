// The share / embed / export dialog's words and the embed page's, in each
// locale (kept beside the components that use them; typed like lib/i18n.ts,
// so a string missing from a locale is a compile error).
import type { Locale } from '../../lib/lesson-types';

const en = {
  share: 'Share / embed',
  dialogTitle: 'Share, embed or export',
  close: 'Close',
  link: 'Link to this state',
  linkHelp: 'Opens the playground with these settings and this seed: the same run, number for number.',
  iframe: 'Embed as an iframe',
  iframeHelp: 'Paste into a blog post’s HTML. Add &controls=some or none, &readonly, &theme=dark to the address to change it.',
  component: 'Embed as a web component',
  componentHelp: 'One script, styles kept to itself; load="click" shows a preview until the reader starts the model.',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Select the text and copy it',
  qr: 'QR code of the link',
  qrHelp: 'For a projector: a phone opens the same state.',
  export: 'Export',
  charts: 'Charts',
  results: 'Results',
  noResult: 'No result yet: the simulator is still running.',
  svg: 'SVG',
  png: 'PNG',
  json: 'JSON',
  csv: 'CSV',
  download: (what: string, kind: string) => `Download ${what} as ${kind}`,
  result: 'the result',
  // embed page
  fullscreen: 'Full screen',
  exitFullscreen: 'Leave full screen',
  openInPlayground: 'Open in the playground',
  unknownWidget: (name: string, known: string) => `There is no widget '${name}'. Widgets: ${known}.`,
  // web component
  preview: 'Interactive model, not loaded yet',
  start: 'Run the live model',
  previewNote: 'Runs in your browser; nothing is sent anywhere.',
};

type ShareStrings = typeof en;

const zh: ShareStrings = {
  share: '分享 / 嵌入',
  dialogTitle: '分享、嵌入或导出',
  close: '关闭',
  link: '指向此状态的链接',
  linkHelp: '用这些设置和这个种子打开实验场：同样的运行，数字完全一致。',
  iframe: '以 iframe 嵌入',
  iframeHelp: '粘贴到博客文章的 HTML 中。在地址后加上 &controls=some 或 none、&readonly、&theme=dark 可改变它的样子。',
  component: '以 Web 组件嵌入',
  componentHelp: '只需一个脚本，样式互不干扰；load="click" 会先显示预览，读者点击后才启动模型。',
  copy: '复制',
  copied: '已复制',
  copyFailed: '请选中文本后复制',
  qr: '链接的二维码',
  qrHelp: '用于投影：手机扫码即可打开同样的状态。',
  export: '导出',
  charts: '图表',
  results: '结果',
  noResult: '还没有结果：模拟器仍在运行。',
  svg: 'SVG',
  png: 'PNG',
  json: 'JSON',
  csv: 'CSV',
  download: (what: string, kind: string) => `将${what}下载为 ${kind}`,
  result: '结果',
  fullscreen: '全屏',
  exitFullscreen: '退出全屏',
  openInPlayground: '在实验场中打开',
  unknownWidget: (name: string, known: string) => `没有名为“${name}”的组件。可用的组件：${known}。`,
  preview: '交互模型，尚未加载',
  start: '运行实时模型',
  previewNote: '在你的浏览器中运行，不会发送任何数据。',
};

const STRINGS: Record<Locale, ShareStrings> = { en, 'zh-CN': zh };

export function shareStrings(locale: Locale): ShareStrings {
  return STRINGS[locale] ?? en;
}

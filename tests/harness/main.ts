// The component harness (tests only, never built into dist/): the timeline
// player and the glossary on a page of their own, driven by the query
// string: ?theme=dark&lang=zh-CN&baseline=1&truncated=1.
import { mount } from 'svelte';
import '../../web/styles/tokens.css';
import Harness from './Harness.svelte';

const q = new URLSearchParams(location.search);
document.documentElement.dataset.theme = q.get('theme') === 'dark' ? 'dark' : 'light';
const lang = q.get('lang') === 'zh-CN' ? 'zh-CN' : 'en';
document.documentElement.lang = lang;
mount(Harness, {
  target: document.getElementById('app')!,
  props: { locale: lang, baseline: q.get('baseline') === '1', truncated: q.get('truncated') === '1', autoplay: q.get('autoplay') === '1' },
});

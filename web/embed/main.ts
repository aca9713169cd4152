// The /embed/<widget>/ page: one widget, sized for an iframe in a blog post.
import { mount } from 'svelte';
import '../styles/tokens.css';
import EmbedApp from './EmbedApp.svelte';

const target = document.getElementById('embed');
if (!target) throw new Error('embed/index.html has no #embed element');

export default mount(EmbedApp, { target });

// A test-only page for the lesson comparison charts (web/components/lab/):
// tests/e2e/lab-charts.spec.ts serves it with its own Vite dev server, so it
// is never part of the built site.
import { mount } from 'svelte';
import '../../../web/styles/tokens.css';
import LabFixture from './LabFixture.svelte';

mount(LabFixture, { target: document.getElementById('lab')! });

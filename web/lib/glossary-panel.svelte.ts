// The page's one glossary panel: any term, chart or legend asks it to open at
// a key (`exit:HLT`), and the Glossary component on the page shows it there.
import type { HighlightKey } from './highlight.svelte';

export class GlossaryPanel {
  open = $state(false);
  /** The entry to show; null opens the panel at its filter. */
  key = $state<HighlightKey | string | null>(null);
  /** Bumped by every show(), so asking again for the same key scrolls to it again. */
  request = $state(0);
  /** Where focus was when the panel opened: it goes back there on close. */
  opener: HTMLElement | null = null;

  show(key: HighlightKey | string | null = null): void {
    if (!this.open && typeof document !== 'undefined') {
      const active = document.activeElement;
      this.opener = active instanceof HTMLElement ? active : null;
    }
    this.key = key;
    this.open = true;
    this.request++;
  }

  close(): void {
    this.open = false;
  }
}

/** One per page. */
export const glossaryPanel = new GlossaryPanel();

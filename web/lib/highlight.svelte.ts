// Linked highlighting: hovering or selecting a thing in one view (an exit
// reason's bar, a timeline span, a glossary entry, a state in a legend)
// highlights the same thing in every other view on the page. A key names the
// thing: `exit:HLT`, `msr:0x830`, `state:poll`, `vcpu:0`, `pcpu:1`, `stat:halt_wakeup`.

export type HighlightKey = `${'exit' | 'msr' | 'state' | 'vcpu' | 'pcpu' | 'stat'}:${string}`;

class Highlight {
  /** What the pointer or keyboard focus is on now (hover, focus). */
  hovered = $state<HighlightKey | null>(null);
  /** What the learner picked (click, Enter); stays until picked again or cleared. */
  selected = $state<HighlightKey | null>(null);

  /** The key every view should highlight: the hovered one, else the selected one. */
  get current(): HighlightKey | null {
    return this.hovered ?? this.selected;
  }

  is(key: HighlightKey): boolean {
    return this.current === key;
  }

  /** Something is highlighted and it is not this: views dim it. */
  dims(key: HighlightKey): boolean {
    return this.current !== null && this.current !== key;
  }

  hover(key: HighlightKey | null): void {
    this.hovered = key;
  }

  toggle(key: HighlightKey): void {
    this.selected = this.selected === key ? null : key;
  }

  clear(): void {
    this.hovered = null;
    this.selected = null;
  }
}

/** One per page. */
export const highlight = new Highlight();

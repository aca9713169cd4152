// Export from the UI: a chart as a standalone SVG (its computed styles
// written onto each element, so it looks the same outside the page) or as a
// PNG drawn from that SVG; a run's result as JSON (the RunResult, as the
// CLI's --json gives it) or CSV (one row per value: path,value).
import type { RunResult } from '../sim/core';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Properties that decide how an SVG element looks; copied from the computed style. */
const STYLE_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility', 'display',
];

/** The chart as a standalone SVG document. */
export function chartSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    (dst[i] as Element).setAttribute('style', style);
    (dst[i] as Element).removeAttribute('class');
  });
  const box = svg.getBoundingClientRect();
  const w = Math.round(box.width) || Number(svg.getAttribute('width')) || 600;
  const h = Math.round(box.height) || Number(svg.getAttribute('height')) || 300;
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  // The page's background behind the chart, so text stays readable in either theme.
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', backgroundOf(svg));
  clone.insertBefore(bg, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host ?? null)) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
  }
  return '#ffffff';
}

/** The chart as a PNG at `scale` times its size on screen. */
export async function chartPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = chartSvg(svg);
  const w = Number(/width="(\d+)"/.exec(text.slice(text.indexOf('<svg')))?.[1] ?? 600);
  const h = Number(/height="(\d+)"/.exec(text.slice(text.indexOf('<svg')))?.[1] ?? 300);
  const img = new Image();
  // A data: URL, which the page's img-src allows (a blob: URL would need it listed).
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, w, h);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
}

export function resultJson(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Every value of the result, one per row: `path,value` (arrays by index, e.g. samples.wake_latency_cycles.0). */
export function resultCsv(result: RunResult): string {
  const rows: string[] = ['path,value'];
  const walk = (v: unknown, path: string) => {
    if (v === null || v === undefined) return;
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, path ? `${path}.${k}` : k);
    } else rows.push(`${csvField(path)},${csvField(String(v))}`);
  };
  walk(result, '');
  return `${rows.join('\n')}\n`;
}

/** The charts in a widget: every SVG drawn as an image, with a name for each. */
export function chartsIn(root: ParentNode): { svg: SVGSVGElement; name: string }[] {
  const svgs = [...root.querySelectorAll<SVGSVGElement>('svg[role="img"]')];
  return svgs.map((svg, i) => {
    const heading = headingBefore(svg, root);
    const name = (heading?.textContent ?? svg.getAttribute('aria-label') ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return { svg, name: name || `chart ${i + 1}` };
  });
}

/** The nearest heading before an element (its own section's title), within root. */
function headingBefore(el: Element, root: ParentNode): Element | null {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling) {
      if (/^H[1-6]$/.test(s.tagName)) return s;
      const inner = s.querySelectorAll('h1, h2, h3, h4, h5, h6');
      if (inner.length > 0) return inner[inner.length - 1];
    }
  }
  return null;
}

/** Save a file the reader's browser downloads. */
export function download(filename: string, data: Blob | string, type = 'text/plain'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  (document.body ?? document.documentElement).append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

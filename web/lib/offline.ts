// Offline after the first visit: the built site registers its service
// worker (sw.js, written by vite.config.ts's precache plugin), which stores
// every file of the build and serves them when the network is gone. Not in
// development, not from file:// (the single-file build needs none), and not
// where the browser has no service workers.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || import.meta.env.VITE_KVMPLAY_SINGLE) return;
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker) return;
  navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL }).catch(() => {
    // Refused (private mode, blocked by the browser): the site works online as before.
  });
}

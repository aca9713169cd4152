// Modules made by the build (vite.inline.ts).
declare module 'virtual:kvmplay-core-wasm' {
  const base64: string;
  export default base64;
}

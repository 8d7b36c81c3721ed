/**
 * Which xterm.js renderer to draw with. WebGL is the fast one on a GPU; without a GPU the
 * browser emulates WebGL on the CPU (SwiftShader in Chromium and Electron, llvmpipe or softpipe in
 * Mesa), and then the DOM renderer is several times faster and leaves the CPU to the parser.
 */
export type TermRenderer = 'webgl' | 'dom';

const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|microsoft basic render|apple software/i;

/** A renderer string (UNMASKED_RENDERER_WEBGL) that names a CPU emulation of a GPU. */
export function isSoftwareGpu(renderer: string): boolean {
  return SOFTWARE.test(renderer);
}

/** The GPU the browser's WebGL runs on, as it names it; null if WebGL is off or does not say. */
export function webglRendererName(doc: Document = document): string | null {
  try {
    const canvas = doc.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext(); // one context fewer for the terminals
    return typeof name === 'string' && name ? name : null;
  } catch {
    return null;
  }
}

let chosen: { renderer: TermRenderer; gpu: string | null } | null = null;

/** Decided once per page: every terminal draws the same way. */
export function chooseRenderer(): { renderer: TermRenderer; gpu: string | null } {
  if (!chosen) {
    const gpu = webglRendererName();
    chosen = { renderer: gpu && !isSoftwareGpu(gpu) ? 'webgl' : 'dom', gpu };
  }
  return chosen;
}

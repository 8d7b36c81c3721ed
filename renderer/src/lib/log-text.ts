/**
 * A container's log as lines that are safe to show: containers are hostile, and their logs
 * carry whatever they print. Escape sequences (colours, titles, screen clears, cursor moves)
 * are removed, other control characters become a visible mark, and a huge line is cut.
 * React escapes the text itself, so nothing here can become markup.
 */

/** ESC sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/PM/APC (… ST), two-character ones. */
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Longest line shown; the rest is said as a count. */
export const LINE_MAX = 4000;
/** Lines kept; older ones drop off the top, as in a terminal's scrollback. */
export const LINES_MAX = 5000;

export function cleanLogText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(ESCAPES, '').replace(CONTROLS, '\ufffd');
}

export function cutLine(line: string): string {
  return line.length > LINE_MAX ? `${line.slice(0, LINE_MAX)} … (+${line.length - LINE_MAX})` : line;
}

/**
 * The log so far: complete lines (bounded) and the unfinished last one. `append` keeps at most
 * LINES_MAX lines; an unfinished line that grows past LINE_MAX is cut as it grows.
 */
export class LogBuffer {
  lines: string[] = [];
  partial = '';
  dropped = 0;

  append(raw: string): void {
    const parts = (this.partial + cleanLogText(raw)).split('\n');
    this.partial = parts.pop() ?? '';
    if (this.partial.length > LINE_MAX * 2) this.partial = this.partial.slice(0, LINE_MAX * 2);
    for (const p of parts) this.lines.push(cutLine(p));
    if (this.lines.length > LINES_MAX) {
      this.dropped += this.lines.length - LINES_MAX;
      this.lines = this.lines.slice(-LINES_MAX);
    }
  }

  /** Every line to show, the unfinished one last. */
  view(): string[] {
    return this.partial ? [...this.lines, cutLine(this.partial)] : this.lines;
  }
}

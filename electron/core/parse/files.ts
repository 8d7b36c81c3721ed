/**
 * Splits `tail -v -n +1 a b c` output back into files. tail is how one
 * process, having entered some namespaces, reads several files for us; files it
 * could not open are simply absent from the result.
 */
export function splitTailV(out: string): Map<string, string> {
  const files = new Map<string, string>();
  const re = /^==> (.+) <==$/gm;
  const marks: Array<{ path: string; start: number; end: number }> = [];
  for (let m = re.exec(out); m; m = re.exec(out)) marks.push({ path: m[1]!, start: m.index, end: m.index + m[0].length + 1 });
  marks.forEach((mk, i) => {
    const next = marks[i + 1];
    let body = out.slice(mk.end, next ? next.start : out.length);
    // tail separates files with one blank line.
    if (next && body.endsWith('\n\n')) body = body.slice(0, -1);
    files.set(mk.path, body);
  });
  return files;
}

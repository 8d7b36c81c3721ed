import { crypto } from '../lazy-builtins.js';
import { ITEM_TIMEOUT_MS } from './inroot.js';

/**
 * Ops: f read (a regular file, at most cap bytes; outside /proc under `timeout`), l readlink,
 * s/S lstat/stat, d list, L the walk's lookup (lstat, and the target of a link), V a verified act
 * on a path resolved inside a container root (the script given as $2, under `timeout`).
 */
export type ReadOp = 'f' | 'l' | 's' | 'S' | 'd' | 'L' | 'V';

export interface ReadItem {
  op: ReadOp;
  /** For f: the most bytes to read (one more than the caller's cap, to tell "too large"). */
  cap: number;
  /** A path, or for V the act's one argument. */
  arg: string;
}

export interface ReadAnswer {
  /** 0, or ENOENT, EACCES, NOTREG, TIMEOUT, EIO, or a V act's exit code. */
  rc: string;
  text: string;
}

/**
 * The helper's reads as one fixed script: the items are its arguments (never part of the script),
 * three each (op, cap, path), every answer framed by a random marker so no file content can
 * forge one.
 */
export const READ_SCRIPT = `
m="$1"; v="$2"; shift 2; i=0
while [ $# -ge 3 ]; do
  op="$1"; cap="$2"; p="$3"; shift 3
  printf '%s %d\\n' "$m" "$i"
  case "$op" in
    f) if [ -f "$p" ]; then case "$p" in /proc/*) head -c "$cap" -- "$p" ;; *) timeout -s KILL ${ITEM_TIMEOUT_MS / 1000} head -c "$cap" -- "$p" ;; esac; else false; fi ;;
    l) readlink "$p" 2>/dev/null ;;
    s) stat -c '%f %s %u %t %T %d %i' "$p" 2>/dev/null ;;
    S) stat -L -c '%f %s %u %t %T %d %i' "$p" 2>/dev/null ;;
    L) stat -c '%f %s %u %t %T %d %i' "$p" 2>/dev/null && { [ ! -L "$p" ] || readlink "$p"; } ;;
    d) [ -d "$p" ] && (cd "$p" 2>/dev/null && for f in * .*; do [ -e "$f" ] || [ -L "$f" ] && printf '%s\\n' "$f"; done; true) ;;
    V) timeout -s KILL ${ITEM_TIMEOUT_MS / 1000} sh -c "$v" sh "$p" 2>/dev/null ;;
  esac
  rc=$?
  case "$rc" in
    0) ;;
    137) rc=TIMEOUT ;;
    *) if [ "$op" = V ]; then :
       elif [ "$op" = f ] && [ -e "$p" ] && [ ! -f "$p" ]; then rc=NOTREG
       elif [ -e "$p" ] || [ -L "$p" ]; then rc=EACCES; else rc=ENOENT; fi ;;
  esac
  printf '\\n%s %d %s\\n' "$m" "$i" "$rc"
  i=$((i+1))
done
`;

/** Items per exec: well under the kernel's argument limits with paths of any length we read. */
const MAX_ITEMS = 1500;

/** Runs argv in the helper, resolves with its stdout. */
export type HelperRun = (argv: string[], timeoutMs: number) => Promise<string>;

interface Waiting {
  items: ReadItem[];
  resolve(answers: ReadAnswer[]): void;
  reject(e: unknown): void;
}

/** Splits one exec's output by its marker, an EIO for an item it does not frame. */
function splitAnswers(text: string, marker: string, count: number): ReadAnswer[] {
  const out: ReadAnswer[] = [];
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const begin = `${marker} ${i}\n`;
    const b = text.indexOf(begin, pos);
    const endRe = `\n${marker} ${i} `;
    const e = b < 0 ? -1 : text.indexOf(endRe, b + begin.length - 1);
    if (b < 0 || e < 0) {
      out.push({ rc: 'EIO', text: '' });
      continue;
    }
    const nl = text.indexOf('\n', e + endRe.length);
    out.push({ rc: text.slice(e + endRe.length, nl), text: text.slice(b + begin.length, e) });
    pos = nl;
  }
  return out;
}

/**
 * Every exec in the helper costs engine round trips (over ssh://, each on the remote link), and
 * the probe asks for reads from many places at once (both containers of a compare, each type's
 * reader). What is asked within one turn of the event loop goes in one exec.
 */
export class ReadBatcher {
  private queue: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly run: HelperRun,
    private readonly verifyScript: string,
  ) {}

  read(items: ReadItem[]): Promise<ReadAnswer[]> {
    if (!items.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const waiting = this.queue.splice(0);
    const items = waiting.flatMap((w) => w.items);
    const answers: ReadAnswer[] = [];
    try {
      for (let start = 0; start < items.length; start += MAX_ITEMS)
        answers.push(...(await this.exec(items.slice(start, start + MAX_ITEMS))));
    } catch (e) {
      for (const w of waiting) w.reject(e);
      return;
    }
    let k = 0;
    for (const w of waiting) {
      w.resolve(answers.slice(k, k + w.items.length));
      k += w.items.length;
    }
  }

  private async exec(items: ReadItem[]): Promise<ReadAnswer[]> {
    const marker = `@@nsi-${crypto().randomBytes(12).toString('hex')}@@`;
    // Reads outside /proc and verified acts each run under their own timeout, one after the other.
    const timed = items.filter((x) => x.op === 'f' || x.op === 'V').length;
    const args = items.flatMap((x) => [x.op, String(x.cap), x.arg]);
    const text = await this.run(['sh', '-c', READ_SCRIPT, 'sh', marker, this.verifyScript, ...args], 20_000 + ITEM_TIMEOUT_MS * timed);
    return splitAnswers(text, marker, items.length);
  }
}

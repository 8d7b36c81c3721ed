import { PassThrough, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type Docker from 'dockerode';

export interface LogSink {
  /** Text as the container wrote it (stdout and stderr interleaved), decoded as UTF-8. */
  data(text: string): void;
  /** The stream ended (the container stopped) or failed. */
  end(error?: Error): void;
}

/**
 * Follows a container's log through the engine (`docker logs -f --tail N`): the last `tail`
 * lines, then what it writes. stdout and stderr are demultiplexed unless the container has a
 * TTY (then the engine sends one raw stream). Returns the stop function.
 */
export async function followLogs(docker: Docker, id: string, tail: number, sink: LogSink): Promise<() => void> {
  const c = docker.getContainer(id);
  const info = await c.inspect();
  const stream = (await c.logs({ follow: true, stdout: true, stderr: true, tail })) as unknown as Readable;
  const decoder = new StringDecoder('utf8');
  let done = false;
  const finish = (e?: Error) => {
    if (done) return;
    done = true;
    const rest = decoder.end();
    if (rest) sink.data(rest);
    sink.end(e);
  };
  const onChunk = (b: Buffer) => {
    if (!done) sink.data(decoder.write(b));
  };
  if (info.Config?.Tty) stream.on('data', onChunk);
  else {
    const out = new PassThrough();
    out.on('data', onChunk);
    docker.modem.demuxStream(stream, out, out);
  }
  stream.on('end', () => finish());
  stream.on('close', () => finish());
  stream.on('error', (e) => finish(e));
  return () => {
    done = true;
    stream.destroy();
  };
}

import { createRequire } from 'node:module';
import type * as Grpc from '@grpc/grpc-js';
import { fail } from '../../errors.js';

const nodeRequire = createRequire(import.meta.url);

/** containerd selects the namespace of a request by this gRPC metadata header. */
export const NAMESPACE_HEADER = 'containerd-namespace';

/** gRPC status codes nsinspect tells apart. */
export const GRPC_NOT_FOUND = 5;
export const GRPC_DEADLINE_EXCEEDED = 4;
export const GRPC_UNAVAILABLE = 14;

/** A gRPC call that failed, with the status code containerd gave. */
export class ContainerdCallError extends Error {
  constructor(
    readonly code: number,
    readonly what: string,
    message: string,
  ) {
    super(message);
  }
}

const identity = (b: Buffer): Buffer => b;

/**
 * containerd's gRPC API on its unix socket, with raw protobuf bytes in and out (messages.ts
 * encodes them). grpc-js is loaded here, on the first containerd call, never for `--help`
 * or a Docker-only answer.
 */
export class ContainerdClient {
  private readonly grpc: typeof Grpc;
  private readonly client: Grpc.Client;
  private readonly streams = new Set<Grpc.ClientReadableStream<Buffer>>();

  constructor(
    /** unix:///run/containerd/containerd.sock */
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    if (!url.startsWith('unix://')) {
      throw fail('containerd.not-unix', { url });
    }
    this.grpc = nodeRequire('@grpc/grpc-js') as typeof Grpc;
    // The engine retries with its own backoff (up to 30 s); grpc-js's (up to 120 s) is kept short
    // so that a containerd that is back is seen at the engine's next try.
    this.client = new this.grpc.Client(url, this.grpc.credentials.createInsecure(), {
      'grpc.max_receive_message_length': 64 << 20,
      'grpc.enable_retries': 0,
      'grpc.initial_reconnect_backoff_ms': 200,
      'grpc.max_reconnect_backoff_ms': 2000,
    });
  }

  private metadata(namespace: string | null): Grpc.Metadata {
    const md = new this.grpc.Metadata();
    if (namespace) md.set(NAMESPACE_HEADER, namespace);
    return md;
  }

  /** One request and its answer, with the deadline; what is the call in words, for messages. */
  call(method: string, request: Buffer, namespace: string | null, what: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        method,
        identity,
        identity,
        request,
        this.metadata(namespace),
        { deadline: Date.now() + this.timeoutMs },
        (err, value) => {
          if (err) reject(new ContainerdCallError(err.code, what, err.details || err.message));
          else resolve(value ?? Buffer.alloc(0));
        },
      );
    });
  }

  /** A server stream (events): each message as raw bytes; end/error once it stops. */
  stream(method: string, request: Buffer, onMessage: (b: Buffer) => void, onEnd: (err: Error | null) => void): () => void {
    const s = this.client.makeServerStreamRequest(method, identity, identity, request, this.metadata(null), {});
    this.streams.add(s);
    let done = false;
    const end = (err: Error | null) => {
      if (done) return;
      done = true;
      this.streams.delete(s);
      onEnd(err);
    };
    s.on('data', onMessage);
    s.on('error', (e: Grpc.ServiceError) => end(new ContainerdCallError(e.code, 'the event stream', e.details || e.message)));
    s.on('end', () => end(null));
    return () => {
      done = true;
      this.streams.delete(s);
      s.cancel();
    };
  }

  close(): void {
    for (const s of this.streams) s.cancel();
    this.streams.clear();
    this.client.close();
  }
}

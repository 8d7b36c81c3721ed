/** One environment variable of a container's config (`docker inspect` .Config.Env). */
export interface EnvVar {
  name: string;
  value: string;
}

/** A published or exposed port (`docker inspect` .NetworkSettings.Ports). */
export interface PortBinding {
  /** "80/tcp" */
  port: string;
  /** Where the host publishes it ("0.0.0.0:8080"), none when only exposed. */
  host: string[];
}

/** A mount (`docker inspect` .Mounts), in short. */
export interface MountSummary {
  type: string;
  source: string;
  destination: string;
  rw: boolean;
  name?: string;
}

/** What a details panel shows of a container, as the engine describes it. */
export interface ContainerDetails {
  container: { id: string; name: string };
  image: string;
  command: string[];
  labels: Record<string, string>;
  env: EnvVar[];
  ports: PortBinding[];
  mounts: MountSummary[];
  /** The engine's whole inspect answer, as `docker inspect` prints it (one element). */
  inspect: unknown;
}

/** How many characters of log a follow sends at most per batch; more in between is skipped and said so. */
export const LOG_BATCH_MAX = 256 * 1024;
/** The last lines a follow starts with. */
export const LOG_TAIL_DEFAULT = 500;
export const LOG_TAIL_MAX = 10_000;

/** The end of a log follow: the container stopped (or the stream ended), or why it failed. */
export type LogEnd = { reason: 'ended' } | { reason: 'closed' } | { reason: 'error'; error: import('../api/error.js').ApiError };

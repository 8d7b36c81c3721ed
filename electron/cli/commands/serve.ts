// The browser mode: the app's UI and API for a browser, e.g. through an SSH tunnel.
import { isAccessKind } from '../../../shared/model/index.js';
import type { Command } from '../command.js';

/** Said on every root start: the token is then a root password, and nothing else stands in the way. */
const ROOT_WARNING = [
  "nsinspect serve: WARNING: running as root. Whoever holds the token can read every process's",
  'namespaces and open root shells on this host; the token in the URL is the only guard (it is never',
  'put in a cookie, and other local users can connect to the port). Do not paste the URL anywhere,',
  'stop serve (Ctrl+C) when done, and prefer running it as a user with the docker-helper or host-helper.',
  '',
].join('\n');

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port N] [--host ADDR] [--context NAME]... [--access K] [--helper-image I]',
  summary: 'serve the app to a browser (127.0.0.1, with a token in the URL)',
  arity: 0,
  options: {
    port: { type: 'string', default: '8765' },
    host: { type: 'string', default: '127.0.0.1' },
    // Repeatable: one engine host per context, in one window (the first one's references are bare).
    context: { type: 'string', multiple: true },
  },
  async run(ctx) {
    const port = Number(ctx.options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write('nsinspect: --port must be a number from 0 to 65535\n');
      return 2;
    }
    // Loaded here, not at the top: the server, the shells and zod are for this command only.
    const [{ AskpassBroker }, { IMAGE_REF }, { startServer }, { HostSet }, { hostStacks }, { hostContexts }] = await Promise.all([
      import('../../core/api/askpass-broker.js'),
      import('../../../shared/api/settings.js'),
      import('../../server/server.js'),
      import('../../core/hosts/host-set.js'),
      import('../../core/hosts/runtime.js'),
      import('../../core/hosts/contexts.js'),
    ]);
    const host = String(ctx.options.host);
    const access = ctx.options.access as string | undefined;
    const helperImage = ctx.options['helper-image'] as string | undefined;
    if (helperImage !== undefined && !IMAGE_REF.test(helperImage)) {
      process.stderr.write('nsinspect: --helper-image must be an image reference, e.g. busybox:1.36.1 or busybox@sha256:…\n');
      return 2;
    }
    // The settings start from --access/--helper-image and live in memory; the Settings view
    // changes them for this process. The backend is built in the background: starting the host
    // helper with sudo asks the browser for the password.
    // --engine was checked by main (docker, containerd or all). serve's --host is the address it
    // listens on: its engines come from --context (each one a host) or the environment.
    const contexts = [...new Set((ctx.options.context as string[] | undefined) ?? [])];
    const askpass = new AskpassBroker();
    const initial = { ...(access && isAccessKind(access) ? { access } : {}), ...(helperImage ? { helperImage } : {}) };
    const make = hostStacks({
      engine: ctx.options.engine as 'docker' | 'containerd' | 'all' | undefined,
      askpass,
      initial,
      onAccess: (context, s) =>
        process.stderr.write(
          `nsinspect serve: ${context ?? 'engine'}: access ${s.status.kind ?? 'none'}: ${s.status.error?.message ?? s.status.why}\n`,
        ),
    });
    // A server with clients and terminals open must outlive one request that failed where nobody
    // waited for it (a helper's exec past its deadline): said, with its stack, and served on.
    const stray = (e: unknown) =>
      process.stderr.write(`nsinspect serve: an error no request was waiting for (serving on): ${(e as Error)?.stack ?? String(e)}\n`);
    process.on('unhandledRejection', stray);
    const hosts = new HostSet(make, () => hostContexts());
    let firstHost;
    try {
      firstHost = hosts.open(contexts[0] ?? null);
      for (const c of contexts.slice(1)) hosts.open(c);
    } catch (e) {
      await hosts.closeAll();
      throw e;
    }
    const server = await startServer({
      service: firstHost.service,
      shells: firstHost.shells,
      hosts: { set: hosts, askpass },
      host,
      port,
      log: (line) => process.stderr.write(`nsinspect serve: ${line}\n`),
    });
    const lines = [
      `nsinspect serve: the app is at`,
      ``,
      `    ${server.url}`,
      ``,
      host === '127.0.0.1' || host === 'localhost'
        ? `Only this machine can connect. From another one: ssh -L ${server.port}:127.0.0.1:${server.port} THIS_HOST, then open the URL there.`
        : `Listening on ${host}: anyone who can reach it needs the token above; prefer an SSH tunnel.`,
      `Press Ctrl+C to stop.`,
    ].filter((l, i, all) => l !== '' || all[i - 1] !== '');
    process.stdout.write(`${lines.join('\n')}\n`);
    if (process.getuid?.() === 0) process.stderr.write(ROOT_WARNING);
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.stderr.write('nsinspect serve: stopping\n');
    await server.close();
    await hosts.closeAll();
  },
};

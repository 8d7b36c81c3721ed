// The browser mode: the app's UI and API for a browser, e.g. through an SSH tunnel.
import type { Command } from '../command.js';
import { startServer } from '../../server/server.js';
import { createShellHost } from '../../server/shells.js';

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port N] [--host ADDR]',
  summary: 'serve the app to a browser (127.0.0.1, with a token in the URL)',
  arity: 0,
  options: {
    port: { type: 'string', default: '8765' },
    host: { type: 'string', default: '127.0.0.1' },
  },
  async run(ctx) {
    const port = Number(ctx.options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write('nsinspect: --port must be a number from 0 to 65535\n');
      return 2;
    }
    const host = String(ctx.options.host);
    const service = await ctx.service();
    const shells = await createShellHost(service);
    const server = await startServer({
      service,
      shells,
      host,
      port,
      log: (line) => process.stderr.write(`nsinspect serve: ${line}\n`),
    });
    const lines = [
      `nsinspect serve: the app is at`,
      ``,
      `    ${server.url}`,
      ``,
      shells ? `` : `Terminals are unavailable in this build (no shell backend).`,
      host === '127.0.0.1' || host === 'localhost'
        ? `Only this machine can connect. From another one: ssh -L ${server.port}:127.0.0.1:${server.port} THIS_HOST, then open the URL there.`
        : `Listening on ${host}: anyone who can reach it needs the token above; prefer an SSH tunnel.`,
      `Press Ctrl+C to stop.`,
    ].filter((l, i, all) => l !== '' || all[i - 1] !== '');
    process.stdout.write(`${lines.join('\n')}\n`);
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.stderr.write('nsinspect serve: stopping\n');
    await server.close();
    await shells?.closeAll().catch(() => undefined);
  },
};

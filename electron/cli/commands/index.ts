import type { Command } from '../command.js';
import { contextsCommand } from './contexts.js';
import { diffCommand } from './diff.js';
import { engineCommands } from './engine.js';
import { serveCommand } from './serve.js';
import { shellCommand } from './shell.js';

/** Every CLI command; a new one is a file in this folder and a line here. */
export const COMMANDS: Command[] = [...engineCommands, diffCommand, contextsCommand, serveCommand, shellCommand];

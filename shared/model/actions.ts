import type { ContainerState } from './container.js';

/** What the list and the "not running" messages can do to a container, as Docker Desktop does. */
export const CONTAINER_ACTIONS = ['start', 'stop', 'restart', 'remove'] as const;
export type ContainerAction = (typeof CONTAINER_ACTIONS)[number];

/** The container after the action, as the engine reports it then. */
export interface ContainerActionResult {
  id: string;
  name: string;
  action: ContainerAction;
  state: ContainerState | 'removed';
}

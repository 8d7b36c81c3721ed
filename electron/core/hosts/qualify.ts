import {
  qualifyRef,
  type Comparison,
  type Container,
  type ContainerDetails,
  type ContainerEvent,
  type HostTag,
  type Inspection,
  type ShellSession,
} from '../../../shared/index.js';

/**
 * A host's answers as the several-host API gives them: each container tagged with its host,
 * its ID qualified by the host's key on every host but the first (so IDs stay unique when two
 * hosts reach the same engine), and each inspection naming the host it was read on.
 */
export class Qualifier {
  private readonly key: string | null;

  constructor(
    readonly tag: HostTag,
    primary: boolean,
  ) {
    this.key = primary ? null : tag.key;
  }

  id(id: string): string {
    return qualifyRef(this.key, id);
  }

  container(c: Container): Container {
    return { ...c, id: this.id(c.id), host: this.tag };
  }

  event(e: ContainerEvent): ContainerEvent {
    return e.kind === 'removed' ? { kind: 'removed', id: this.id(e.id) } : { kind: e.kind, container: this.container(e.container) };
  }

  inspection(i: Inspection): Inspection {
    const target = i.target.kind === 'container' ? { ...i.target, container: this.container(i.target.container) } : i.target;
    return { ...i, target, origin: this.tag };
  }

  comparison(c: Comparison): Comparison {
    return { ...c, a: this.inspection(c.a), b: this.inspection(c.b) };
  }

  details(d: ContainerDetails): ContainerDetails {
    return { ...d, container: { ...d.container, id: this.id(d.container.id) } };
  }

  session(s: ShellSession): ShellSession {
    return { ...s, container: { ...s.container, id: this.id(s.container.id) } };
  }
}

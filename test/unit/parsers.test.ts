import { describe, expect, it } from 'vitest';
import { mountFor, parseMountinfo, splitOptions } from '../../electron/core/parse/mountinfo.js';
import { parseCmdline, parseNsLink, parseStatStartTime, parseStatus } from '../../electron/core/parse/proc.js';
import { parseIdMap, parseMsg, parseShm } from '../../electron/core/parse/sysvipc.js';
import { splitTailV } from '../../electron/core/parse/files.js';
import { parseIpAddr } from '../../electron/core/parse/ip.js';
import { attachPeers } from '../../electron/core/probe/net.js';

describe('proc parsers', () => {
  it('reads the inode of a namespace link', () => {
    expect(parseNsLink('net:[4026531840]')).toBe(4026531840);
    expect(parseNsLink('pid_for_children:[4026532256]')).toBe(4026532256);
    expect(parseNsLink('garbage')).toBeNull();
  });

  it('reads NSpid, PPid and Uid from status', () => {
    const st = parseStatus('Name:\tsleep\nState:\tS (sleeping)\nPid:\t7348\nPPid:\t7327\nUid:\t1000\t1000\t1000\t1000\nNSpid:\t7348\t1\n');
    expect(st).toEqual({ name: 'sleep', state: 'S', ppid: 7327, uid: 1000, nsPids: [7348, 1] });
  });

  it('joins cmdline and marks kernel threads', () => {
    expect(parseCmdline('sleep\u00001000\u0000', 'sleep')).toBe('sleep 1000');
    expect(parseCmdline('', 'kthreadd')).toBe('[kthreadd]');
  });

  it('finds the start time after a comm with spaces and parentheses', () => {
    const fields = Array.from({ length: 20 }, (_, i) => String(i + 3));
    expect(parseStatStartTime(`42 (a (b) c) ${fields.join(' ')} 99`)).toBe(22);
  });
});

describe('mountinfo', () => {
  const text = [
    '1201 1100 0:140 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/AB:/var/lib/docker/overlay2/l/CD,upperdir=/u/diff,workdir=/u/work',
    '1202 1201 0:143 / /proc rw,nosuid - proc proc rw',
    '1203 1201 254:0 /var/lib/docker/containers/x/hostname /etc/hostname rw - ext4 /dev/vda rw',
    '1204 1201 254:0 /with\\040space /mnt/a\\040b rw - ext4 /dev/vda rw',
  ].join('\n');

  it('parses fields, optional fields and escapes', () => {
    const m = parseMountinfo(text);
    expect(m).toHaveLength(4);
    expect(m[0]).toMatchObject({ id: 1201, parentId: 1100, device: '0:140', mountPoint: '/', fsType: 'overlay', propagation: 'master:1' });
    expect(m[1]!.propagation).toBe('private');
    expect(m[3]!.mountPoint).toBe('/mnt/a b');
    expect(m[3]!.root).toBe('/with space');
  });

  it('splits overlay options', () => {
    const o = splitOptions(parseMountinfo(text)[0]!.superOptions);
    expect(o.get('lowerdir')).toBe('/var/lib/docker/overlay2/l/AB:/var/lib/docker/overlay2/l/CD');
    expect(o.get('upperdir')).toBe('/u/diff');
  });

  it('picks the longest covering mount point', () => {
    const m = parseMountinfo(text);
    expect(mountFor(m, '/etc/hostname')!.mountPoint).toBe('/etc/hostname');
    expect(mountFor(m, '/etc/hostnamex')!.mountPoint).toBe('/');
    expect(mountFor(m, '/proc/1/ns')!.mountPoint).toBe('/proc');
  });
});

describe('sysvipc', () => {
  const out = [
    '==> /proc/sysvipc/shm <==',
    '       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap',
    '1314081025          0   600                 65536    10     0      0     0     0     0     0          0          0 1764380000                     0                     0',
    '',
    '==> /proc/sysvipc/sem <==',
    '       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime',
    '1314081026          0   600          3     0     0     0     0          0 1764380000',
    '',
    '==> /proc/sysvipc/msg <==',
    '       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime',
    '1314081027          0   600          16          1    10     0     0     0     0     0 1764380000          0 1764380000',
  ].join('\n');

  it('splits tail -v output by file and reads columns by name', () => {
    const files = splitTailV(`${out}\n`);
    expect([...files.keys()]).toEqual(['/proc/sysvipc/shm', '/proc/sysvipc/sem', '/proc/sysvipc/msg']);
    expect(files.get('/proc/sysvipc/sem')!.endsWith('1764380000\n')).toBe(true);
    const p = { shm: files.get('/proc/sysvipc/shm')!, msg: files.get('/proc/sysvipc/msg')! };
    expect(parseShm(p.shm)).toEqual([{ key: '0x4e534901', id: 0, perms: '600', bytes: 65536, creatorPid: 10, attached: 0, uid: 0 }]);
    expect(parseMsg(p.msg)[0]).toMatchObject({ key: '0x4e534903', usedBytes: 16, messages: 1 });
  });

  it('reads id maps', () => {
    expect(parseIdMap('         0          0 4294967295\n')).toEqual([{ inside: 0, outside: 0, count: 4294967295 }]);
  });
});

describe('veth peers', () => {
  const json = JSON.stringify([
    {
      ifindex: 12,
      ifname: 'eth0',
      link_index: 13,
      mtu: 1500,
      linkinfo: { info_kind: 'veth' },
      address: '02:42:ac:11:00:02',
      addr_info: [{ family: 'inet', local: '172.17.0.2', prefixlen: 16, scope: 'global' }],
    },
  ]);
  const host = parseIpAddr(
    JSON.stringify([
      { ifindex: 13, ifname: 'vethA', link_index: 12, mtu: 1500, master: 'docker0', linkinfo: { info_kind: 'veth' } },
      { ifindex: 14, ifname: 'vethB', link_index: 99, mtu: 1500, master: 'docker0', linkinfo: { info_kind: 'veth' } },
    ]),
  );

  it('matches the host end only when both ifindexes agree', () => {
    const [eth0] = attachPeers(parseIpAddr(json), host, false);
    expect(eth0!.addresses).toEqual(['172.17.0.2/16']);
    expect(eth0!.peer).toEqual({ ifindex: 13, name: 'vethA', master: 'docker0', netns: 'host' });
    const wrong = attachPeers(
      parseIpAddr(json),
      parseIpAddr(JSON.stringify([{ ifindex: 13, ifname: 'x', link_index: 7, mtu: 1, linkinfo: { info_kind: 'veth' } }])),
      false,
    );
    expect(wrong[0]!.peer).toBeUndefined();
  });

  it('pairs a host-only veth pair, whose ends `ip` names (link) instead of giving ifindexes', () => {
    const pair = parseIpAddr(
      JSON.stringify([
        { ifindex: 20, ifname: 'va', link: 'vb', mtu: 1500, linkinfo: { info_kind: 'veth' } },
        { ifindex: 21, ifname: 'vb', link: 'va', mtu: 1500, linkinfo: { info_kind: 'veth' } },
      ]),
    );
    const [va, vb] = attachPeers(pair, pair, true);
    expect(va!.peer).toEqual({ ifindex: 21, name: 'vb', master: null, netns: 'host' });
    expect(vb!.peer).toEqual({ ifindex: 20, name: 'va', master: null, netns: 'host' });
  });
});

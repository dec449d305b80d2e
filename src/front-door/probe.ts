/** Whether the app accepts a TCP connection on its port: the idle check's test of a task that never served. */
import { connect } from 'node:net';

/** True when a connection to `host:port` opens within `timeoutMs`; it is closed at once. */
export function acceptsConnections(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

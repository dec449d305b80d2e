import { ENV, FrontDoorConfigError, readConfig } from '../../src/front-door/config';

const ENVIRONMENT = {
  [ENV.cluster]: 'portfolio',
  [ENV.service]: 'portfolio',
  [ENV.port]: '8000',
  [ENV.idleMinutes]: '30',
  [ENV.parameterPath]: '/portfolio/front-door',
  [ENV.wakeOnAnyRequest]: 'false',
  [ENV.dailyRunHours]: '12',
  [ENV.originSecret]: 'uuid',
};

describe('front door configuration', () => {
  it('reads the variables the template sets', () => {
    expect(readConfig(ENVIRONMENT)).toEqual({
      cluster: 'portfolio',
      service: 'portfolio',
      port: 8000,
      idleMinutes: 30,
      parameters: {
        lastRequest: '/portfolio/front-door/last-request',
        lastStart: '/portfolio/front-door/last-start',
        state: '/portfolio/front-door/state',
      },
      wakeOn: 'navigation',
      dailyRunHours: 12,
      originSecret: 'uuid',
      taskAddress: 'public-ip',
    });
    expect(readConfig({ ...ENVIRONMENT, [ENV.wakeOnAnyRequest]: 'true' }).wakeOn).toBe('any-request');
  });

  it("reads where the task's address comes from, public-ip when unset (a stack from before the private layout)", () => {
    expect(readConfig({ ...ENVIRONMENT, [ENV.taskAddress]: 'ipv6' }).taskAddress).toBe('ipv6');
    expect(readConfig({ ...ENVIRONMENT, [ENV.taskAddress]: 'private-ipv4' }).taskAddress).toBe('private-ipv4');
    expect(() => readConfig({ ...ENVIRONMENT, [ENV.taskAddress]: 'ipv4' })).toThrow(
      'TASK_ADDRESS must be one of ipv6, private-ipv4, public-ip',
    );
  });

  it('names a missing variable and says where it comes from', () => {
    const env: Record<string, string | undefined> = { ...ENVIRONMENT, [ENV.cluster]: undefined };
    expect(() => readConfig(env)).toThrow(new FrontDoorConfigError('CLUSTER', 'is not set'));
    expect(() => readConfig(env)).toThrow('CLUSTER is not set (the stack sets it: update the stack, not the function)');
  });

  it('refuses a port that is not a whole number in range', () => {
    expect(() => readConfig({ ...ENVIRONMENT, [ENV.port]: '80.5' })).toThrow('PORT must be a whole number from 1 to 65535');
    expect(() => readConfig({ ...ENVIRONMENT, [ENV.idleMinutes]: '-1' })).toThrow('IDLE_MINUTES must be a whole number from 0 to 10080');
    expect(() => readConfig({ ...ENVIRONMENT, [ENV.dailyRunHours]: '25' })).toThrow('DAILY_RUN_HOURS must be a whole number from 0 to 24');
    expect(() => readConfig({ ...ENVIRONMENT, [ENV.wakeOnAnyRequest]: 'yes' })).toThrow('WAKE_ON_ANY_REQUEST must be true or false');
  });
});

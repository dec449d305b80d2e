import { GetParametersCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { parseIdleState, readRecords, recordOwnerStart } from '../../src/front-door/activity';
import { NOW, PARAMETERS, clients } from './helpers';

describe("recordOwnerStart (the deployer calls it for the owner's start and deploy)", () => {
  it('writes the start, by the owner, to the parameter it is given', async () => {
    const { ssm } = clients();
    const mock = mockClient(ssm);
    mock.on(PutParameterCommand).resolves({ Version: 3 });
    await recordOwnerStart(ssm, '/portfolio/front-door/last-start', NOW);
    expect(mock.commandCalls(PutParameterCommand).map((c) => c.args[0].input)).toEqual([
      { Name: '/portfolio/front-door/last-start', Value: '{"at":"2026-11-29T12:00:00.000Z","by":"owner"}', Overwrite: true },
    ]);
  });

  it('lets the SDK error through (the deployer decides what a failed write means)', async () => {
    const { ssm } = clients();
    mockClient(ssm)
      .on(PutParameterCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(recordOwnerStart(ssm, '/p/front-door/last-start', NOW)).rejects.toThrow('denied');
  });
});

describe('readRecords', () => {
  it('reads the three records in one call', async () => {
    const { ssm } = clients();
    const mock = mockClient(ssm);
    mock.on(GetParametersCommand).resolves({
      Parameters: [
        { Name: PARAMETERS.lastRequest, Value: '2026-11-29T11:00:00.000Z' },
        { Name: PARAMETERS.lastStart, Value: '{"at":"2026-11-29T10:00:00.000Z","by":"owner"}' },
        { Name: PARAMETERS.state, Value: '{"day":"2026-11-29","runMs":5,"checkedAt":"2026-11-29T11:55:00.000Z"}' },
      ],
    });
    expect(await readRecords(ssm, PARAMETERS)).toEqual({
      lastRequest: Date.parse('2026-11-29T11:00:00.000Z'),
      lastStart: { at: Date.parse('2026-11-29T10:00:00.000Z'), by: 'owner' },
      state: { day: '2026-11-29', runMs: 5, checkedAt: Date.parse('2026-11-29T11:55:00.000Z') },
    });
    expect(mock.commandCalls(GetParametersCommand).map((c) => c.args[0].input.Names)).toEqual([
      [PARAMETERS.lastRequest, PARAMETERS.lastStart, PARAMETERS.state],
    ]);
  });

  it('reads missing or unreadable records (the stack\'s initial values) as "never"', async () => {
    const { ssm } = clients();
    mockClient(ssm)
      .on(GetParametersCommand)
      .resolves({
        Parameters: [
          { Name: PARAMETERS.lastStart, Value: '{}' },
          { Name: PARAMETERS.state, Value: 'not json' },
        ],
        InvalidParameters: [PARAMETERS.lastRequest],
      });
    expect(await readRecords(ssm, PARAMETERS)).toEqual({
      lastRequest: 0,
      lastStart: { at: 0, by: 'visitor' },
      state: { day: '', runMs: 0, checkedAt: 0 },
    });
  });

  it('keeps a stop and its reason', () => {
    expect(
      parseIdleState(
        '{"day":"d","runMs":1,"checkedAt":"2026-11-29T11:00:00.000Z","stoppedAt":"2026-11-29T11:00:00.000Z","stopReason":"r"}',
      ),
    ).toMatchObject({
      stoppedAt: Date.parse('2026-11-29T11:00:00.000Z'),
      stopReason: 'r',
    });
  });
});

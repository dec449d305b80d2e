import { describeAwsError } from '../../src/aws/errors';
import { AwsSetupError, EXIT } from '../../src/errors';

describe('AWS setup errors say what happened (issue 10, item 7)', () => {
  it('reports InvalidClientTokenId with its real message as rejected credentials, not as expired ones', () => {
    const e = Object.assign(new Error('The security token included in the request is invalid.'), { name: 'InvalidClientTokenId' });
    const described = describeAwsError(e, 'reading stack web');
    expect(described).toBeInstanceOf(AwsSetupError);
    expect(described.message).toBe(
      'AWS rejected the credentials (InvalidClientTokenId) while reading stack web: check the profile or access keys you use.',
    );
  });

  it('still reports an expired token as expired', () => {
    const e = Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' });
    expect(describeAwsError(e, 'x').message).toMatch(/^Your AWS credentials have expired \(ExpiredToken\)/);
  });

  it('reports a refused connection as a setup problem, exit 2 (as errors.ts documents)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' });
    const described = describeAwsError(refused, 'reading stack web', 'us-west-2');
    expect(described).toBeInstanceOf(AwsSetupError);
    expect(described.exitCode).toBe(EXIT.usage);
    expect(described.message).toBe(
      'The AWS endpoint in us-west-2 refused the connection while reading stack web (connect ECONNREFUSED 127.0.0.1:5999). ' +
        'Check AWS_ENDPOINT_URL, a proxy, or your network connection.',
    );
    // Node 20 reports a refused dual-stack connect as an AggregateError with the code.
    const aggregate = Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' });
    expect(describeAwsError(aggregate, 'x').exitCode).toBe(2);
  });
});

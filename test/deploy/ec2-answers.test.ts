/**
 * The EC2 client `deploy` uses to check an existing VPC's subnets (src/aws/clients.ts
 * ec2Client) refuses a 2xx that is not an AWS answer, as the CloudFormation, S3 and SSM clients
 * do: a proxy's HTML page (status 200) is retried, never read as "no such subnets".
 */
import { ec2Client } from '../../src/aws/clients';
import { describeSubnets } from '../../src/aws/ec2';
import { type Answer, type FakeRest, pointSdkAt, startFakeRest } from '../fake-rest';

let fake: FakeRest | undefined;
let restoreEnv: (() => void) | undefined;

afterEach(async () => {
  restoreEnv?.();
  restoreEnv = undefined;
  await fake?.close();
  fake = undefined;
});

const SUBNETS =
  '<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>' +
  '<subnetSet><item><subnetId>subnet-0aaaaaaaaaaaaaaaa</subnetId><vpcId>vpc-0aaaaaaaaaaaaaaaa</vpcId></item></subnetSet></DescribeSubnetsResponse>';

it("retries DescribeSubnets answered by a proxy's HTML page (200), then reads the subnets", async () => {
  let calls = 0;
  fake = await startFakeRest(
    (): Answer =>
      calls++ === 0
        ? {
            status: 200,
            headers: { 'content-type': 'text/html', 'x-amzn-requestid': '', 'x-amz-request-id': '' },
            body: '<html><body>Proxy login</body></html>',
          }
        : { status: 200, headers: { 'content-type': 'text/xml' }, body: SUBNETS },
  );
  restoreEnv = pointSdkAt(fake.endpoint);
  const ec2 = await ec2Client({ region: 'us-west-2' });
  const lines: string[] = [];
  try {
    const subnets = await describeSubnets(ec2, ['subnet-0aaaaaaaaaaaaaaaa'], {
      now: () => new Date(0),
      sleep: () => Promise.resolve(),
      onRetry: (l) => lines.push(l),
      random: () => 0.5,
    });
    expect(subnets.map((s) => s.SubnetId)).toEqual(['subnet-0aaaaaaaaaaaaaaaa']);
    expect(calls).toBe(2);
    expect(lines).toHaveLength(1);
  } finally {
    ec2.destroy();
  }
});

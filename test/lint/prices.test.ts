import {
  cite,
  EC2_INSTANCE_PRICES,
  monthly,
  MSK_BROKER_PRICES,
  OPENSEARCH_INSTANCE_PRICES,
  PRICES,
  rate,
  REDSHIFT_NODE_PRICES,
  usd,
} from '../../src/lint/prices';

describe('price table', () => {
  it('turns hourly prices into months of 730 hours', () => {
    expect(usd(monthly(PRICES.applicationLoadBalancer.usd))).toBe('$16.43');
    expect(usd(monthly(PRICES.natGateway.usd))).toBe('$32.85');
    expect(usd(monthly(PRICES.publicIpv4.usd))).toBe('$3.65');
    expect(usd(monthly(0.25 * PRICES.fargateArmVcpu.usd + 0.5 * PRICES.fargateArmGb.usd))).toBe('$7.21');
  });

  it('prints unit prices with their digits and at least cents', () => {
    expect([0.0225, 0.005, 0.5, 0.03, 0.1, 0.004445].map(rate)).toEqual(['$0.0225', '$0.005', '$0.50', '$0.03', '$0.10', '$0.004445']);
  });

  it('cites the region, the date and the page, and asks to re-check unverified prices', () => {
    expect(cite(PRICES.publicIpv4)).toBe('us-west-2 list price of 2026-11-27, https://aws.amazon.com/vpc/pricing/');
    expect(cite(PRICES.natGateway)).toBe('us-west-2 list price of 2026-11-27, https://aws.amazon.com/vpc/pricing/; re-check');
  });

  it('prices common instance types per hour, each with its pricing page, to be re-checked', () => {
    expect(Object.keys(EC2_INSTANCE_PRICES)).toEqual(
      expect.arrayContaining(['t4g.nano', 't4g.micro', 't4g.small', 't3.micro', 't3.small', 'm7g.medium']),
    );
    expect(usd(monthly(EC2_INSTANCE_PRICES['t4g.nano']?.usd ?? NaN))).toBe('$3.07');
    expect(usd(monthly(EC2_INSTANCE_PRICES['t4g.micro']?.usd ?? NaN))).toBe('$6.13');
    const tables = [EC2_INSTANCE_PRICES, OPENSEARCH_INSTANCE_PRICES, MSK_BROKER_PRICES, REDSHIFT_NODE_PRICES];
    for (const price of [...tables.flatMap((t) => Object.values(t)), ...Object.values(PRICES)]) {
      expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\/[a-z0-9/-]+\/$/);
      expect(price.usd).toBeGreaterThan(0);
    }
    expect(cite(EC2_INSTANCE_PRICES['t3.micro'] ?? PRICES.publicIpv4)).toBe(
      'us-west-2 list price of 2026-11-27, https://aws.amazon.com/ec2/pricing/on-demand/; re-check',
    );
  });
});

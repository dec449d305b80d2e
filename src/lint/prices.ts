/**
 * List prices the cost rules quote, for us-west-2 (US West, Oregon), in US dollars.
 *
 * Table date: 2026-11-27. Fargate and public IPv4 were checked against AWS's pricing pages in
 * November 2026 (the project's reference facts). The others are AWS's long-standing public
 * list prices for us-east-1/us-west-2 (the two regions price these identically); they are
 * quoted from the pages named in `source` and should be re-checked there before relying on a
 * figure. A month is 730 hours, as on AWS's own pricing pages.
 */

/** Where and when the table applies. */
export const PRICE_TABLE = {
  region: 'us-west-2',
  date: '2026-11-27',
  hoursPerMonth: 730,
} as const;

/** One price. */
export interface Price {
  /** US dollars per `unit`. */
  usd: number;
  unit: 'hour' | 'GB-month' | 'GB' | 'metric-month' | 'vCPU-hour' | 'GB-hour' | 'ACU-hour';
  /** The AWS pricing page it comes from. */
  source: string;
  /** True when checked for this table; false when it is a well-known list price to re-check. */
  verified: boolean;
}

const FARGATE = 'https://aws.amazon.com/fargate/pricing/';
const VPC = 'https://aws.amazon.com/vpc/pricing/';
const ELB = 'https://aws.amazon.com/elasticloadbalancing/pricing/';
const PRIVATELINK = 'https://aws.amazon.com/privatelink/pricing/';
const RDS = 'https://aws.amazon.com/rds/pricing/';
const AURORA = 'https://aws.amazon.com/rds/aurora/pricing/';
const ELASTICACHE = 'https://aws.amazon.com/elasticache/pricing/';
const CLOUDWATCH = 'https://aws.amazon.com/cloudwatch/pricing/';
const ECR = 'https://aws.amazon.com/ecr/pricing/';

/** The price table. */
export const PRICES = {
  fargateArmVcpu: { usd: 0.03238, unit: 'vCPU-hour', source: FARGATE, verified: true },
  fargateArmGb: { usd: 0.00356, unit: 'GB-hour', source: FARGATE, verified: true },
  fargateX86Vcpu: { usd: 0.04048, unit: 'vCPU-hour', source: FARGATE, verified: true },
  fargateX86Gb: { usd: 0.004445, unit: 'GB-hour', source: FARGATE, verified: true },
  publicIpv4: { usd: 0.005, unit: 'hour', source: VPC, verified: true },
  applicationLoadBalancer: { usd: 0.0225, unit: 'hour', source: ELB, verified: false },
  networkLoadBalancer: { usd: 0.0225, unit: 'hour', source: ELB, verified: false },
  gatewayLoadBalancer: { usd: 0.0125, unit: 'hour', source: ELB, verified: false },
  classicLoadBalancer: { usd: 0.025, unit: 'hour', source: ELB, verified: false },
  natGateway: { usd: 0.045, unit: 'hour', source: VPC, verified: false },
  natGatewayData: { usd: 0.045, unit: 'GB', source: VPC, verified: false },
  interfaceEndpointPerAz: { usd: 0.01, unit: 'hour', source: PRIVATELINK, verified: false },
  rdsT4gMicro: { usd: 0.016, unit: 'hour', source: RDS, verified: false },
  auroraT4gMedium: { usd: 0.073, unit: 'hour', source: AURORA, verified: false },
  auroraServerlessV2Acu: { usd: 0.12, unit: 'ACU-hour', source: AURORA, verified: false },
  elasticacheT4gMicro: { usd: 0.016, unit: 'hour', source: ELASTICACHE, verified: false },
  cloudwatchMetric: { usd: 0.3, unit: 'metric-month', source: CLOUDWATCH, verified: false },
  logsIngestion: { usd: 0.5, unit: 'GB', source: CLOUDWATCH, verified: false },
  logsStorage: { usd: 0.03, unit: 'GB-month', source: CLOUDWATCH, verified: false },
  ecrStorage: { usd: 0.1, unit: 'GB-month', source: ECR, verified: false },
} as const satisfies Record<string, Price>;

/** Dollars per month for something billed per hour, e.g. `monthly(0.0225)` = 16.43. */
export function monthly(hourlyUsd: number): number {
  return hourlyUsd * PRICE_TABLE.hoursPerMonth;
}

/** `$16.43`: dollars with two decimals. */
export function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

/** A unit price with its significant digits and at least cents: `$0.0225`, `$0.50`. */
export function rate(amount: number): string {
  const digits = String(Number(amount.toPrecision(4)));
  const decimals = digits.split('.')[1]?.length ?? 0;
  return `$${decimals >= 2 ? digits : amount.toFixed(2)}`;
}

/** The citation every cost finding ends with: `us-west-2 list price of 2026-11-27, <page>`. */
export function cite(price: Price): string {
  return `${PRICE_TABLE.region} list price of ${PRICE_TABLE.date}, ${price.source}${price.verified ? '' : '; re-check'}`;
}

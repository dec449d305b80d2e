/**
 * List prices the cost rules quote, for us-west-2 (US West, Oregon), in US dollars.
 *
 * Table date: 2026-11-27. Fargate and public IPv4 were checked against AWS's pricing pages in
 * November 2026 (the project's reference facts). The others are AWS's long-standing public
 * list prices for us-east-1/us-west-2 (the two regions price these identically); they are
 * quoted from the pages named in `source` and should be re-checked there before relying on a
 * figure. That includes the small per-type tables of EC2, OpenSearch, MSK and Redshift
 * instances at the end: only types whose hourly list price we are confident of are listed;
 * the rules report any other type without a figure, or with the cheapest type's price as a
 * floor ("at least"). A month is 730 hours, as on AWS's own pricing pages. Where we have no
 * figure we trust (DMS, Neptune, DocumentDB instance classes, Managed Microsoft AD), the rules
 * name the class and the pricing page (`PRICING_PAGES`) and give no figure.
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
  unit: 'hour' | 'GB-month' | 'GB' | 'metric-month' | 'vCPU-hour' | 'GB-hour' | 'ACU-hour' | 'RCU-hour' | 'WCU-hour' | 'shard-hour';
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
const EC2 = 'https://aws.amazon.com/ec2/pricing/on-demand/';
const DYNAMODB = 'https://aws.amazon.com/dynamodb/pricing/provisioned/';
const OPENSEARCH = 'https://aws.amazon.com/opensearch-service/pricing/';
const KINESIS = 'https://aws.amazon.com/kinesis/data-streams/pricing/';
const MSK = 'https://aws.amazon.com/msk/pricing/';
const REDSHIFT = 'https://aws.amazon.com/redshift/pricing/';
const EKS = 'https://aws.amazon.com/eks/pricing/';
const TRANSIT_GATEWAY = 'https://aws.amazon.com/transit-gateway/pricing/';
const VPN = 'https://aws.amazon.com/vpn/pricing/';
const ROUTE53 = 'https://aws.amazon.com/route53/pricing/';
/** Directory Service, DMS, EMR, Neptune and DocumentDB pages: named by the rules that have no figure from them. */
export const PRICING_PAGES = {
  directoryService: 'https://aws.amazon.com/directoryservice/pricing/',
  dms: 'https://aws.amazon.com/dms/pricing/',
  emr: 'https://aws.amazon.com/emr/pricing/',
  neptune: 'https://aws.amazon.com/neptune/pricing/',
  documentdb: 'https://aws.amazon.com/documentdb/pricing/',
} as const;

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
  dynamodbRcu: { usd: 0.00013, unit: 'RCU-hour', source: DYNAMODB, verified: false },
  dynamodbWcu: { usd: 0.00065, unit: 'WCU-hour', source: DYNAMODB, verified: false },
  kinesisShard: { usd: 0.015, unit: 'shard-hour', source: KINESIS, verified: false },
  kinesisOnDemandStream: { usd: 0.04, unit: 'hour', source: KINESIS, verified: false },
  mskServerlessCluster: { usd: 0.75, unit: 'hour', source: MSK, verified: false },
  eksCluster: { usd: 0.1, unit: 'hour', source: EKS, verified: false },
  eksExtendedSupportCluster: { usd: 0.6, unit: 'hour', source: EKS, verified: false },
  transitGatewayAttachment: { usd: 0.05, unit: 'hour', source: TRANSIT_GATEWAY, verified: false },
  vpnConnection: { usd: 0.05, unit: 'hour', source: VPN, verified: false },
  resolverEndpointEni: { usd: 0.125, unit: 'hour', source: ROUTE53, verified: false },
  simpleAdSmall: { usd: 0.05, unit: 'hour', source: PRICING_PAGES.directoryService, verified: false },
  simpleAdLarge: { usd: 0.15, unit: 'hour', source: PRICING_PAGES.directoryService, verified: false },
} as const satisfies Record<string, Price>;

const hourly = (usd: number, source: string): Price => ({ usd, unit: 'hour', source, verified: false });

/**
 * On-demand Linux prices of common EC2 instance types (per instance-hour, shared tenancy).
 * A type not listed here is reported without a figure rather than with a guessed one.
 */
export const EC2_INSTANCE_PRICES: Readonly<Record<string, Price>> = {
  't4g.nano': hourly(0.0042, EC2),
  't4g.micro': hourly(0.0084, EC2),
  't4g.small': hourly(0.0168, EC2),
  't4g.medium': hourly(0.0336, EC2),
  't3.nano': hourly(0.0052, EC2),
  't3.micro': hourly(0.0104, EC2),
  't3.small': hourly(0.0208, EC2),
  't3.medium': hourly(0.0416, EC2),
  't2.micro': hourly(0.0116, EC2),
  'm7g.medium': hourly(0.0408, EC2),
  'm7g.large': hourly(0.0816, EC2),
  'm5.large': hourly(0.096, EC2),
  'm5.xlarge': hourly(0.192, EC2),
};

/**
 * OpenSearch Service instance-hours (a legacy Elasticsearch domain's `t3.small.elasticsearch`
 * prices as `t3.small.search`). t3.small.search is the cheapest current-generation type, the
 * floor for unlisted types.
 */
export const OPENSEARCH_INSTANCE_PRICES: Readonly<Record<string, Price>> = {
  't3.small.search': hourly(0.036, OPENSEARCH),
  't3.medium.search': hourly(0.073, OPENSEARCH),
};

/** MSK provisioned broker-hours; kafka.t3.small is the cheapest broker, the floor for others. */
export const MSK_BROKER_PRICES: Readonly<Record<string, Price>> = {
  'kafka.t3.small': hourly(0.0456, MSK),
  'kafka.m5.large': hourly(0.21, MSK),
};

/** Redshift node-hours (on demand); dc2.large is the cheapest node, the floor for others. */
export const REDSHIFT_NODE_PRICES: Readonly<Record<string, Price>> = {
  'dc2.large': hourly(0.25, REDSHIFT),
  'ra3.xlplus': hourly(1.086, REDSHIFT),
};

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

/**
 * RDS instance-hours for the open-source engines (MySQL, PostgreSQL, MariaDB), single-AZ.
 * db.t4g.micro is the cheapest class, the floor for other classes and for licensed engines
 * (Oracle, SQL Server), which cost more.
 */
export const RDS_INSTANCE_PRICES: Readonly<Record<string, Price>> = {
  'db.t4g.micro': PRICES.rdsT4gMicro,
};

/** Aurora instance-hours; db.t4g.medium is the cheapest provisioned class, the floor for others. */
export const AURORA_INSTANCE_PRICES: Readonly<Record<string, Price>> = {
  'db.t4g.medium': PRICES.auroraT4gMedium,
};

/** ElastiCache node-hours; cache.t4g.micro is the cheapest node type, the floor for others. */
export const ELASTICACHE_NODE_PRICES: Readonly<Record<string, Price>> = {
  'cache.t4g.micro': PRICES.elasticacheT4gMicro,
};

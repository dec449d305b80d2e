/**
 * Cost-first rules: the project promises "costs nothing while stopped", so every resource
 * that bills by the hour just for existing is reported with its monthly price and the
 * cheaper alternative, and so are the two classic slow leaks (log groups kept forever, image
 * repositories that only grow). One table row per rule (`./cost-rule`); prices come from
 * `../prices`. Infrastructure beyond the app's own stack is in `./cost-infrastructure`.
 * Where an instance type's price is not in the table, a finding says so and gives no figure,
 * or the cheapest type's price as a floor ("at least"), never a guessed one.
 */
import { alternatives, listItems, referencedResource } from '../intrinsics';
import {
  AURORA_INSTANCE_PRICES,
  cite,
  EC2_INSTANCE_PRICES,
  ELASTICACHE_NODE_PRICES,
  monthly,
  MSK_BROKER_PRICES,
  OPENSEARCH_INSTANCE_PRICES,
  PRICES,
  rate,
  RDS_INSTANCE_PRICES,
  REDSHIFT_NODE_PRICES,
  usd,
} from '../prices';
import { isObject, type JsonObject, type JsonValue } from '../types';
import { costRule, countOf, defaults, lower, numberOf, priceNodes, prop, stringOf, SUPPRESS } from './cost-rule';
import type { RuleContext } from './types';

const LOAD_BALANCER = costRule({
  id: 'FO201',
  severity: 'warning',
  title: 'Load balancer (billed per hour)',
  help: 'A load balancer bills every hour it exists, with or without traffic, so the stack is never free while stopped.',
  fix: 'No load balancer: give the one task a public IP, or put CloudFront or API Gateway in front.',
  types: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  assess(props, ctx, type) {
    const kind = type === 'AWS::ElasticLoadBalancing::LoadBalancer' ? 'classic' : (lower(defaults(props['Type'], ctx)[0]) ?? 'application');
    const price =
      kind === 'classic'
        ? PRICES.classicLoadBalancer
        : kind === 'network'
          ? PRICES.networkLoadBalancer
          : kind === 'gateway'
            ? PRICES.gatewayLoadBalancer
            : PRICES.applicationLoadBalancer;
    return (
      `${kind === 'application' ? 'An' : 'A'} ${kind} load balancer costs ${usd(monthly(price.usd))}/month (${rate(price.usd)}/hour plus capacity units; ${cite(price)}) even with no traffic. ` +
      `Cheaper: no load balancer — give the one Fargate task a public IP (as this project does), or put CloudFront or API Gateway in front. ${SUPPRESS('FO201')}`
    );
  },
});

const NAT_GATEWAY = costRule({
  id: 'FO202',
  severity: 'warning',
  title: 'NAT gateway (billed per hour)',
  help: 'A NAT gateway bills every hour it exists plus every GB it processes.',
  fix: 'Public subnets with AssignPublicIp and a security group, and gateway endpoints for S3/DynamoDB.',
  types: ['AWS::EC2::NatGateway'],
  assess() {
    const p = PRICES.natGateway;
    return (
      `A NAT gateway costs ${usd(monthly(p.usd))}/month (${rate(p.usd)}/hour plus ${rate(PRICES.natGatewayData.usd)}/GB processed; ${cite(p)}). ` +
      `Cheaper: run tasks in public subnets with AssignPublicIp ENABLED and a security group (${usd(monthly(PRICES.publicIpv4.usd))}/month per running task, nothing when stopped), and gateway endpoints for S3/DynamoDB. ${SUPPRESS('FO202')}`
    );
  },
});

/** Per template (its rule context): the Elastic IPs its NAT gateways use. */
const NAT_ADDRESSES = new WeakMap<RuleContext, Set<string>>();

/** The Elastic IPs NAT gateways of this template use (their AllocationId: `!GetAtt Eip.AllocationId`). */
function natGatewayAddresses(ctx: RuleContext): Set<string> {
  const known = NAT_ADDRESSES.get(ctx);
  if (known !== undefined) return known;
  const ids = new Set<string>();
  NAT_ADDRESSES.set(ctx, ids);
  for (const [, resource] of ctx.resources) {
    if (resource['Type'] !== 'AWS::EC2::NatGateway' || !isObject(resource['Properties'])) continue;
    for (const key of ['AllocationId', 'SecondaryAllocationIds']) {
      const value = resource['Properties'][key];
      for (const { value: item } of listItems({ value: value ?? null, path: [] })) {
        const eip = referencedResource(item, ctx.template);
        if (eip !== undefined) ids.add(eip[0]);
      }
    }
  }
  return ids;
}

const ELASTIC_IP = costRule({
  id: 'FO203',
  severity: 'warning',
  title: 'Elastic IP (public IPv4 billed per hour)',
  help: 'An Elastic IP bills every hour, attached or not (public IPv4 pricing).',
  fix: 'An automatic public IPv4 address on the instance or task (billed only while it runs), or IPv6.',
  types: ['AWS::EC2::EIP'],
  assess(_props, ctx, _type, id) {
    // A NAT gateway's address: FO202 prices the gateway, and its advice is the cheaper option.
    if (natGatewayAddresses(ctx).has(id)) return undefined;
    const p = PRICES.publicIpv4;
    return (
      `An Elastic IP costs ${usd(monthly(p.usd))}/month (${rate(p.usd)}/hour, attached or not; ${cite(p)}). ` +
      `Cheaper: an automatic public IPv4 address on the instance or task (the same hourly price, but billed only while it runs; publish it, or a DNS name, after start), or IPv6 addresses (the hourly charge is for public IPv4 addresses). ${SUPPRESS('FO203')}`
    );
  },
});

const INTERFACE_ENDPOINT = costRule({
  id: 'FO204',
  severity: 'warning',
  title: 'Interface VPC endpoint (billed per AZ-hour)',
  help: 'An interface endpoint bills every hour in each AZ it is placed in.',
  fix: "Use the service's public endpoint from a public subnet, or the free gateway endpoints for S3 and DynamoDB.",
  types: ['AWS::EC2::VPCEndpoint'],
  assess(props, ctx) {
    const given = defaults(props['VpcEndpointType'], ctx)[0];
    const type = typeof given === 'string' ? given : 'Gateway';
    if (type.toLowerCase() === 'gateway') return undefined;
    const subnets = props['SubnetIds'];
    const azs = Math.max(1, subnets === undefined ? 1 : listItems({ value: subnets, path: [] }).length);
    const p = PRICES.interfaceEndpointPerAz;
    return (
      `This ${type} VPC endpoint costs ${usd(monthly(p.usd) * azs)}/month (${rate(p.usd)}/hour in each of ${azs} AZ${azs > 1 ? 's' : ''}, plus data; ${cite(p)}). ` +
      `Cheaper: public subnets and the service's public endpoint, or free gateway endpoints for S3 and DynamoDB. ${SUPPRESS('FO204')}`
    );
  },
});

const DATABASE = costRule({
  id: 'FO205',
  severity: 'warning',
  title: 'Provisioned RDS or Aurora database (billed per hour)',
  help: 'A provisioned database bills every hour it exists, idle or not.',
  fix: 'DynamoDB on-demand, Aurora Serverless v2 with MinCapacity 0, or a file database on the task.',
  types: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  assess(props, ctx, type) {
    if (type === 'AWS::RDS::DBCluster') {
      const min = defaults(prop(props, 'ServerlessV2ScalingConfiguration', 'MinCapacity'), ctx)[0];
      if (typeof min === 'number' && min > 0) {
        const p = PRICES.auroraServerlessV2Acu;
        return (
          `Aurora Serverless v2 with MinCapacity ${min} costs at least ${usd(monthly(p.usd * min))}/month (${rate(p.usd)}/ACU-hour; ${cite(p)}). ` +
          `Cheaper: MinCapacity 0 so it pauses when idle, or DynamoDB on-demand / SQLite on the task. ${SUPPRESS('FO205')}`
        );
      }
      if (props['DBClusterInstanceClass'] === undefined) return undefined; // Aurora: its instances are billed
    }
    const klass = lower(defaults(props['DBInstanceClass'] ?? props['DBClusterInstanceClass'], ctx)[0]);
    if (klass === 'db.serverless') return undefined; // billed by the cluster's ACUs, see above
    const engine = lower(defaults(props['Engine'], ctx)[0]) ?? '';
    const aurora = engine.startsWith('aurora');
    // A Multi-AZ DB cluster (DBClusterInstanceClass) has a writer and two readers; a Multi-AZ instance a standby.
    const multiAz = defaults(props['MultiAZ'], ctx)[0];
    const count = type === 'AWS::RDS::DBCluster' ? 3 : multiAz === true || multiAz === 'true' ? 2 : 1;
    const openEngine = aurora || engine === '' || /^(mysql|postgres|mariadb)$/.test(engine);
    const label = klass === undefined || openEngine ? klass : `${klass} (${engine})`;
    const nodes = aurora
      ? priceNodes(
          { n: count, known: true },
          label,
          AURORA_INSTANCE_PRICES,
          'db.t4g.medium',
          'instance',
          'db.t4g.medium, the cheapest provisioned class',
        )
      : priceNodes({ n: count, known: true }, label, RDS_INSTANCE_PRICES, 'db.t4g.micro', 'instance', 'db.t4g.micro, the cheapest class');
    return (
      `A provisioned ${aurora ? 'Aurora' : 'RDS'} database bills its instance${count > 1 ? 's' : ''} every hour it exists: ${nodes}, plus storage. ` +
      `Cheaper: DynamoDB on-demand, Aurora Serverless v2 with MinCapacity 0, or a file database on the task. ${SUPPRESS('FO205')}`
    );
  },
});

const CACHE = costRule({
  id: 'FO206',
  severity: 'warning',
  title: 'ElastiCache cluster (billed per hour)',
  help: 'An ElastiCache cluster bills every node-hour it exists, idle or not.',
  fix: "Cache in the task's memory, or DynamoDB on-demand.",
  types: ['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::ServerlessCache'],
  assess(props, ctx, type) {
    const cheaper = `Cheaper: cache in the task's memory, or DynamoDB on-demand. ${SUPPRESS('FO206')}`;
    if (type === 'AWS::ElastiCache::ServerlessCache') {
      return `A serverless ElastiCache cache bills a minimum of stored data every hour it exists (see ${PRICES.elasticacheT4gMicro.source}). ${cheaper}`;
    }
    const count =
      type === 'AWS::ElastiCache::CacheCluster'
        ? countOf(props['NumCacheNodes'], ctx, 1)
        : props['NumNodeGroups'] !== undefined
          ? (() => {
              const groups = countOf(props['NumNodeGroups'], ctx, 1);
              const replicas = countOf(props['ReplicasPerNodeGroup'], ctx, 0, 0);
              return { n: groups.n * (replicas.n + 1), known: groups.known && replicas.known };
            })()
          : countOf(props['NumCacheClusters'], ctx, 1);
    const nodes = priceNodes(count, stringOf(props['CacheNodeType'], ctx), ELASTICACHE_NODE_PRICES, 'cache.t4g.micro', 'node');
    return `An ElastiCache cache bills its nodes every hour it exists: ${nodes}. ${cheaper}`;
  },
});

/** Rough count of Container Insights metrics for a cluster with one service (cluster + service + task level). */
const CONTAINER_INSIGHTS_METRICS = 16;

const CONTAINER_INSIGHTS = costRule({
  id: 'FO207',
  severity: 'warning',
  title: 'Container Insights turned on for an ECS cluster',
  help: 'Container Insights bills its custom metrics every month, whether or not a task runs.',
  fix: "Turn containerInsights off; ECS's free service metrics remain.",
  types: ['AWS::ECS::Cluster'],
  assess(props, ctx) {
    const settings = props['ClusterSettings'];
    if (settings === undefined) return undefined;
    const on = listItems({ value: settings, path: [] }).some(
      ({ value }) =>
        isObject(value) &&
        value['Name'] === 'containerInsights' &&
        defaults(value['Value'], ctx).some((v) => v === 'enabled' || v === 'enhanced'),
    );
    if (!on) return undefined;
    const p = PRICES.cloudwatchMetric;
    return (
      `Container Insights bills its metrics (about ${CONTAINER_INSIGHTS_METRICS} for a one-service cluster × ${rate(p.usd)}/metric-month ≈ ${usd(CONTAINER_INSIGHTS_METRICS * p.usd)}/month; ${cite(p)}) plus ${rate(PRICES.logsIngestion.usd)}/GB of performance logs, whether or not a task runs. ` +
      `Cheaper: containerInsights disabled; ECS's free service metrics (CPUUtilization, MemoryUtilization) remain. ${SUPPRESS('FO207')}`
    );
  },
});

/** The smallest Fargate task (0.25 vCPU, 0.5 GB, ARM64): the floor of any task's price. */
const CHEAPEST_FARGATE_TASK = {
  usd: monthly(0.25 * PRICES.fargateArmVcpu.usd + 0.5 * PRICES.fargateArmGb.usd),
  what: '0.25 vCPU, 0.5 GB, ARM64 on Fargate',
};

/** The monthly price of the service's task, or why it cannot be told from the template. */
function fargateTaskMonthly(props: JsonObject, ctx: RuleContext): { usd: number; what: string } | { unknown: string } {
  const td = referencedResource(props['TaskDefinition'] ?? null, ctx.template);
  const tdProps = td && isObject(td[1]['Properties']) ? td[1]['Properties'] : undefined;
  if (tdProps === undefined) return { unknown: 'its task definition is not in this template' };
  const cpu = Number(defaults(tdProps['Cpu'], ctx)[0]);
  const mem = Number(defaults(tdProps['Memory'], ctx)[0]);
  if (!Number.isFinite(cpu) || !Number.isFinite(mem) || cpu <= 0 || mem <= 0)
    return { unknown: "its task definition's Cpu and Memory have no literal value or default" };
  const arch = defaults(prop(tdProps, 'RuntimePlatform', 'CpuArchitecture'), ctx)[0] === 'ARM64' ? 'ARM64' : 'X86_64';
  const [vcpuPrice, gbPrice] =
    arch === 'ARM64' ? [PRICES.fargateArmVcpu, PRICES.fargateArmGb] : [PRICES.fargateX86Vcpu, PRICES.fargateX86Gb];
  const vcpu = cpu / 1024;
  const gb = mem / 1024;
  return { usd: monthly(vcpu * vcpuPrice.usd + gb * gbPrice.usd), what: `${vcpu} vCPU, ${gb} GB, ${arch} on Fargate` };
}

/** Whether every provider of a capacity provider strategy is FARGATE or FARGATE_SPOT. */
function fargateStrategy(strategy: JsonValue, ctx: RuleContext): boolean {
  const items = listItems({ value: strategy, path: [] });
  return (
    items.length > 0 &&
    items.every(({ value }) => {
      const provider = isObject(value) ? stringOf(value['CapacityProvider'], ctx) : undefined;
      return provider === undefined || provider === 'FARGATE' || provider === 'FARGATE_SPOT';
    })
  );
}

/**
 * The default capacity provider strategy of the service's cluster, when the cluster is in this
 * template and one is given: on the `AWS::ECS::Cluster` or on an
 * `AWS::ECS::ClusterCapacityProviderAssociations` for it.
 */
function clusterDefaultStrategy(props: JsonObject, ctx: RuleContext): JsonValue | undefined {
  const cluster = referencedResource(props['Cluster'] ?? null, ctx.template);
  if (cluster === undefined || cluster[1]['Type'] !== 'AWS::ECS::Cluster') return undefined;
  const own = isObject(cluster[1]['Properties']) ? cluster[1]['Properties']['DefaultCapacityProviderStrategy'] : undefined;
  if (own !== undefined) return own;
  for (const [, resource] of ctx.resources) {
    if (resource['Type'] !== 'AWS::ECS::ClusterCapacityProviderAssociations' || !isObject(resource['Properties'])) continue;
    const of = referencedResource(resource['Properties']['Cluster'] ?? null, ctx.template);
    if (of?.[0] === cluster[0]) return resource['Properties']['DefaultCapacityProviderStrategy'];
  }
  return undefined;
}

/**
 * Whether a service's tasks run on Fargate, and so are billed per task. Only its LaunchType
 * (FARGATE), its CapacityProviderStrategy (FARGATE/FARGATE_SPOT only) or, with neither, its
 * cluster's default strategy given in this template say so. Without any of them ECS uses the
 * cluster's default strategy or, with none, the EC2 launch type
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html,
 * launchType and capacityProviderStrategy, read 2026-12-06): the instances are then billed
 * (FO212, Auto Scaling groups), and a task adds nothing. A DAEMON service runs on EC2 only.
 */
function runsOnFargate(props: JsonObject, ctx: RuleContext): boolean {
  const launch = stringOf(props['LaunchType'], ctx);
  if (launch !== undefined) return launch === 'FARGATE';
  if (stringOf(props['SchedulingStrategy'], ctx) === 'DAEMON') return false;
  const strategy = props['CapacityProviderStrategy'] ?? clusterDefaultStrategy(props, ctx);
  return strategy !== undefined && fargateStrategy(strategy, ctx);
}

const RUNNING_SERVICE = costRule({
  id: 'FO208',
  severity: 'warning',
  title: 'ECS service that runs tasks by default (DesiredCount above 0)',
  help: 'A service whose DesiredCount defaults above 0 starts billing tasks as soon as the stack is created.',
  fix: 'Default DesiredCount to 0 (a parameter) and start the service when needed.',
  types: ['AWS::ECS::Service'],
  assess(props, ctx) {
    if (!runsOnFargate(props, ctx)) return undefined;
    // CloudFormation creates a service without DesiredCount with one task.
    const counts = props['DesiredCount'] === undefined ? [1] : defaults(props['DesiredCount'], ctx);
    const running = Math.max(0, ...counts.map((c) => Number(c)).filter((n) => Number.isFinite(n)));
    if (running <= 0) return undefined;
    const task = fargateTaskMonthly(props, ctx);
    const publicIp = alternatives({
      value: prop(props, 'NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp') ?? null,
      path: [],
    }).some(({ value }) => value === 'ENABLED');
    const ip = publicIp ? monthly(PRICES.publicIpv4.usd) : 0;
    const each = 'usd' in task ? task : CHEAPEST_FARGATE_TASK;
    const breakdown = `${running} × (${usd(each.usd)} for ${'usd' in task ? '' : 'the smallest task, '}${each.what}${publicIp ? ` + ${usd(ip)} public IPv4` : ''})`;
    const cost =
      'usd' in task
        ? `about ${usd(running * (each.usd + ip))}/month (${breakdown}; ${cite(PRICES.fargateArmVcpu)})`
        : `at least ${usd(running * (each.usd + ip))}/month (${breakdown}, as ${task.unknown}; ${cite(PRICES.fargateArmVcpu)})`;
    const given = props['DesiredCount'];
    const source =
      given === undefined
        ? 'without DesiredCount (CloudFormation then starts 1)'
        : typeof given === 'object'
          ? `with DesiredCount defaulting to ${running}`
          : `with DesiredCount ${running}`;
    return (
      `The service is created ${source}: ${cost}. ` +
      `Cheaper: default DesiredCount to 0 (a parameter) and start the service when needed; the stack then costs nothing while stopped. ${SUPPRESS('FO208')}`
    );
  },
});

const LOG_RETENTION = costRule({
  id: 'FO210',
  severity: 'warning',
  title: 'Log group without RetentionInDays (logs kept and billed forever)',
  help: 'A log group without retention keeps, and bills, every event forever.',
  fix: 'Set RetentionInDays (e.g. 14 or 30).',
  types: ['AWS::Logs::LogGroup'],
  assess(props) {
    if (props['RetentionInDays'] !== undefined) return undefined;
    return (
      `The log group keeps every event forever: each GB ingested (${rate(PRICES.logsIngestion.usd)}) then costs ${rate(PRICES.logsStorage.usd)}/GB-month for as long as the stack lives (${cite(PRICES.logsStorage)}). ` +
      `Set RetentionInDays (e.g. 14 or 30).`
    );
  },
});

const ECR_LIFECYCLE = costRule({
  id: 'FO211',
  severity: 'warning',
  title: 'ECR repository without a lifecycle policy (images pile up)',
  help: 'A repository without a lifecycle policy keeps every pushed image, and its storage bill grows with each deploy.',
  fix: 'Add a lifecycle policy that expires untagged images and keeps the newest few.',
  types: ['AWS::ECR::Repository'],
  assess(props) {
    if (prop(props, 'LifecyclePolicy', 'LifecyclePolicyText') !== undefined) return undefined;
    return (
      `Every pushed image is kept: storage costs ${rate(PRICES.ecrStorage.usd)}/GB-month (${cite(PRICES.ecrStorage)}) and grows with each deploy. ` +
      'Add LifecyclePolicy.LifecyclePolicyText that expires untagged images and keeps the newest few.'
    );
  },
});

/** Sizes in order, for "one size smaller" in the same family. */
const SIZES = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'];

/** Graviton families with the same shape as an x86 family (`t3.small` → `t4g.small`). */
const GRAVITON_TWIN: Readonly<Record<string, string>> = { t2: 't4g', t3: 't4g', t3a: 't4g', m5: 'm7g', m6i: 'm7g' };

/**
 * Cheaper instances of the same kind as `type`, from our price table: one size smaller in the
 * same family, and the Graviton type of the same size (Linux only: no Windows on Graviton).
 */
function cheaperInstances(type: string): string[] {
  const [family, size] = type.split('.');
  const own = EC2_INSTANCE_PRICES[type];
  if (family === undefined || size === undefined || own === undefined) return [];
  const out: string[] = [];
  const smaller = SIZES[SIZES.indexOf(size) - 1];
  const down = smaller === undefined ? undefined : EC2_INSTANCE_PRICES[`${family}.${smaller}`];
  if (smaller !== undefined && down !== undefined)
    out.push(`${family}.${smaller} (${usd(monthly(down.usd))}/month) if it has room to spare`);
  const twin = GRAVITON_TWIN[family];
  const arm = twin === undefined ? undefined : EC2_INSTANCE_PRICES[`${twin}.${size}`];
  if (arm !== undefined && arm.usd < own.usd) out.push(`${twin}.${size} (${usd(monthly(arm.usd))}/month, Graviton: Linux only)`);
  return out;
}

const EC2_INSTANCE = costRule({
  id: 'FO212',
  severity: 'warning',
  title: 'EC2 instance (billed per hour while running)',
  help: 'An EC2 instance bills every hour it runs, and its volumes even when stopped.',
  fix: 'A smaller or Graviton instance type, stopped when not needed (AWS Instance Scheduler), or a Savings Plan for one that must run.',
  types: ['AWS::EC2::Instance'],
  assess(props, ctx) {
    const type = stringOf(props['InstanceType'], ctx);
    const p = type === undefined ? undefined : EC2_INSTANCE_PRICES[type];
    const price = p
      ? `An EC2 instance (${type}) costs ${usd(monthly(p.usd))}/month (${rate(p.usd)}/hour on demand; ${cite(p)}) while it runs, plus its EBS volumes even when stopped. `
      : `An EC2 instance bills every hour it runs, plus its EBS volumes even when stopped; ${type === undefined ? 'its InstanceType is not known from the template (a launch template or a parameter without a default)' : `${type} is not in our price table`}, so see ${EC2_INSTANCE_PRICES['t4g.micro']?.source} for the figure. `;
    // The same kind of thing, cheaper: the instance may be a domain controller or a license server, not a job.
    const sizes = type === undefined ? [] : cheaperInstances(type);
    const smaller = sizes.length > 0 ? `${sizes.join(', or ')}; ` : 'a smaller or Graviton (t4g, m7g; Linux only) instance type; ';
    return (
      price +
      `Cheaper: ${smaller}stop it when it is not needed (AWS Instance Scheduler), or a Savings Plan for one that must run all the time. ${SUPPRESS('FO212')}`
    );
  },
});

/** Provisioned read and write capacity of a table and its global secondary indexes. */
function provisionedCapacity(props: JsonObject, ctx: RuleContext): { rcu: number; wcu: number } | undefined {
  const throughputs = [
    props['ProvisionedThroughput'],
    ...listItems({ value: props['GlobalSecondaryIndexes'] ?? [], path: [] }).map(({ value }) =>
      prop(isObject(value) ? value : {}, 'ProvisionedThroughput'),
    ),
  ];
  let rcu = 0;
  let wcu = 0;
  for (const t of throughputs) {
    if (t === undefined) continue;
    const r = numberOf(prop(isObject(t) ? t : {}, 'ReadCapacityUnits'), ctx);
    const w = numberOf(prop(isObject(t) ? t : {}, 'WriteCapacityUnits'), ctx);
    if (r === undefined || w === undefined) return undefined;
    rcu += r;
    wcu += w;
  }
  return rcu + wcu > 0 ? { rcu, wcu } : undefined;
}

const DYNAMODB_PROVISIONED = costRule({
  id: 'FO213',
  severity: 'warning',
  title: 'DynamoDB table in provisioned capacity mode (billed per capacity-unit hour)',
  help: 'A provisioned-capacity table bills its capacity units every hour, with or without traffic.',
  fix: 'BillingMode PAY_PER_REQUEST.',
  types: ['AWS::DynamoDB::Table'],
  assess(props, ctx) {
    const modes = defaults(props['BillingMode'], ctx);
    if (!modes.some((m) => m === undefined || m === 'PROVISIONED')) return undefined;
    const r = PRICES.dynamodbRcu;
    const w = PRICES.dynamodbWcu;
    const cap = provisionedCapacity(props, ctx);
    const cost = cap
      ? `costs ${usd(monthly(cap.rcu * r.usd + cap.wcu * w.usd))}/month (${cap.rcu} RCU × ${rate(r.usd)} + ${cap.wcu} WCU × ${rate(w.usd)} per hour, table and indexes; ${cite(r)})`
      : `bills each provisioned capacity unit every hour (${rate(r.usd)}/RCU-hour, ${rate(w.usd)}/WCU-hour; ${cite(r)})`;
    return (
      `A DynamoDB table in provisioned mode (${props['BillingMode'] === undefined ? 'BillingMode not set' : 'BillingMode PROVISIONED'}) ${cost} with or without traffic. ` +
      `Cheaper: BillingMode PAY_PER_REQUEST, billed per request and nothing when idle. ${SUPPRESS('FO213')}`
    );
  },
});

const OPENSEARCH_DOMAIN = costRule({
  id: 'FO214',
  severity: 'warning',
  title: 'OpenSearch or Elasticsearch domain (billed per instance-hour)',
  help: 'A search domain bills its instances every hour it exists.',
  fix: 'Search in DynamoDB or with SQLite full-text search on the task.',
  types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  assess(props, ctx, type) {
    const config = prop(props, type === 'AWS::Elasticsearch::Domain' ? 'ElasticsearchClusterConfig' : 'ClusterConfig');
    const c = isObject(config) ? config : {};
    const size = (t: JsonValue | undefined): string | undefined => stringOf(t, ctx)?.replace(/\.elasticsearch$/, '.search');
    const floor = 't3.small.search, the cheapest current-generation type';
    const count = countOf(c['InstanceCount'], ctx, 1, 1);
    const masterFlag = defaults(c['DedicatedMasterEnabled'], ctx)[0];
    const masters = masterFlag === true || masterFlag === 'true';
    const nodes = priceNodes(count, size(c['InstanceType']), OPENSEARCH_INSTANCE_PRICES, 't3.small.search', 'data node', floor);
    const masterNodes = masters
      ? `, plus ${priceNodes(countOf(c['DedicatedMasterCount'], ctx, 1), size(c['DedicatedMasterType']), OPENSEARCH_INSTANCE_PRICES, 't3.small.search', 'dedicated master', floor)}`
      : '';
    return (
      `${type === 'AWS::Elasticsearch::Domain' ? 'An Elasticsearch' : 'An OpenSearch'} domain bills its instances every hour it exists: ${nodes}${masterNodes}, plus EBS storage. ` +
      `Cheaper: search in DynamoDB or with SQLite full-text search on the task; OpenSearch Serverless is not cheaper idle (it bills a minimum of OCUs). ${SUPPRESS('FO214')}`
    );
  },
});

const KINESIS_STREAM = costRule({
  id: 'FO215',
  severity: 'warning',
  title: 'Kinesis data stream (billed per shard-hour, or per stream-hour on demand)',
  help: 'A Kinesis stream bills per shard-hour (or per stream-hour on demand) with or without traffic.',
  fix: 'SQS or EventBridge, billed per request.',
  types: ['AWS::Kinesis::Stream'],
  assess(props, ctx) {
    const mode = stringOf(prop(props, 'StreamModeDetails', 'StreamMode'), ctx) ?? 'PROVISIONED';
    const cheaper = `Cheaper: SQS or EventBridge, billed per request and nothing when idle. ${SUPPRESS('FO215')}`;
    if (mode === 'ON_DEMAND') {
      const p = PRICES.kinesisOnDemandStream;
      return `An on-demand Kinesis stream costs ${usd(monthly(p.usd))}/month (${rate(p.usd)}/stream-hour; ${cite(p)}) plus data in and out, with or without traffic. ${cheaper}`;
    }
    const shards = numberOf(props['ShardCount'], ctx);
    const p = PRICES.kinesisShard;
    const count = shards ?? 1;
    return (
      `A provisioned Kinesis stream costs ${shards === undefined ? 'at least ' : ''}${usd(monthly(p.usd * count))}/month (${count} shard${count === 1 ? '' : 's'} × ${rate(p.usd)}/shard-hour${shards === undefined ? ', the shard count is not known from the template' : ''}; ${cite(p)}) plus PUT payload units, with or without traffic. ` +
      cheaper
    );
  },
});

const MSK_CLUSTER = costRule({
  id: 'FO216',
  severity: 'warning',
  title: 'MSK (Kafka) cluster (billed per broker-hour, or per cluster-hour serverless)',
  help: 'An MSK cluster bills per broker-hour (or per cluster-hour serverless) with or without traffic.',
  fix: 'SQS, SNS or EventBridge, billed per request.',
  types: ['AWS::MSK::Cluster', 'AWS::MSK::ServerlessCluster'],
  assess(props, ctx, type) {
    const cheaper = `Cheaper: SQS, SNS or EventBridge, billed per request and nothing when idle. ${SUPPRESS('FO216')}`;
    if (type === 'AWS::MSK::ServerlessCluster') {
      const p = PRICES.mskServerlessCluster;
      return `An MSK Serverless cluster costs ${usd(monthly(p.usd))}/month (${rate(p.usd)}/cluster-hour; ${cite(p)}) plus partition-hours and data, with or without traffic. ${cheaper}`;
    }
    const brokers = countOf(props['NumberOfBrokerNodes'], ctx, 1);
    const nodes = priceNodes(
      brokers,
      stringOf(prop(props, 'BrokerNodeGroupInfo', 'InstanceType'), ctx),
      MSK_BROKER_PRICES,
      'kafka.t3.small',
      'broker',
    );
    return `An MSK cluster bills its brokers every hour it exists: ${nodes}, plus broker storage. ${cheaper}`;
  },
});

const REDSHIFT_CLUSTER = costRule({
  id: 'FO217',
  severity: 'warning',
  title: 'Provisioned Redshift cluster (billed per node-hour)',
  help: 'A provisioned Redshift cluster bills per node-hour unless paused.',
  fix: 'Redshift Serverless or Athena over S3.',
  types: ['AWS::Redshift::Cluster'],
  assess(props, ctx) {
    const single = stringOf(props['ClusterType'], ctx) === 'single-node';
    // A multi-node cluster has at least 2 nodes.
    const count = single ? { n: 1, known: true } : countOf(props['NumberOfNodes'], ctx, 2);
    const nodes = priceNodes(count, stringOf(props['NodeType'], ctx), REDSHIFT_NODE_PRICES, 'dc2.large', 'node');
    return (
      `A provisioned Redshift cluster bills its nodes every hour it exists (unless paused): ${nodes}. ` +
      `Cheaper: Redshift Serverless, billed only while queries run, or Athena over S3. ${SUPPRESS('FO217')}`
    );
  },
});

/** The cost rules, in id order. */
export const COST_RULES = [
  LOAD_BALANCER,
  NAT_GATEWAY,
  ELASTIC_IP,
  INTERFACE_ENDPOINT,
  DATABASE,
  CACHE,
  CONTAINER_INSIGHTS,
  RUNNING_SERVICE,
  LOG_RETENTION,
  ECR_LIFECYCLE,
  EC2_INSTANCE,
  DYNAMODB_PROVISIONED,
  OPENSEARCH_DOMAIN,
  KINESIS_STREAM,
  MSK_CLUSTER,
  REDSHIFT_CLUSTER,
] as const;

/**
 * The ECS cluster: Fargate and Fargate Spot capacity, Container Insights off (it bills
 * custom metrics per task even for an idle cluster of one service). A cluster itself costs
 * nothing; only running tasks do.
 */
import Cluster from 'cloudform-types/types/ecs/cluster';
import { Fn, type IntrinsicFunction } from './cfn';
import type { Fragment } from './fragment';
import { grant, type Grant, type Grantee } from './grants';

export const CLUSTER_ID = 'Cluster';

/** What other modules use of the cluster. */
export interface EcsCluster {
  fragment: Fragment;
  /** `Ref Cluster`: the cluster name. */
  clusterName: IntrinsicFunction;
  clusterArn: IntrinsicFunction;
  /** Read-only calls that find the running task and its public IP (the deployer's status, the front door). */
  grantObserveTasks(to: Grantee): Grant[];
}

export function cluster(): EcsCluster {
  const resource = new Cluster({
    ClusterName: Fn.Ref('AppName'),
    ClusterSettings: [{ Name: 'containerInsights', Value: 'disabled' }],
    CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
  });
  const clusterName = Fn.Ref(CLUSTER_ID);
  const clusterArn = Fn.GetAtt(CLUSTER_ID, 'Arn');
  return {
    fragment: {
      resources: { [CLUSTER_ID]: resource },
      outputs: {
        ClusterName: { Description: 'ECS cluster of the app (the deployer manages its service).', Value: clusterName },
      },
    },
    clusterName,
    clusterArn,
    grantObserveTasks: (to) =>
      grant(
        to,
        {
          // ListTasks has no resource ARN for Fargate tasks; the ecs:cluster key scopes it.
          Sid: 'EcsListTasksOfThisCluster',
          Effect: 'Allow',
          Action: 'ecs:ListTasks',
          Resource: '*',
          Condition: { ArnEquals: { 'ecs:cluster': clusterArn } },
        },
        {
          Sid: 'EcsDescribeTasksOfThisCluster',
          Effect: 'Allow',
          Action: 'ecs:DescribeTasks',
          Resource: Fn.Sub('arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task/${Cluster}/*'),
        },
        {
          // Finds the task's public IP from its network interface. EC2 Describe* calls have no
          // resource-level permissions; the region condition keeps it to this stack's region.
          Sid: 'Ec2FindTaskPublicIp',
          Effect: 'Allow',
          Action: 'ec2:DescribeNetworkInterfaces',
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': Fn.Ref('AWS::Region') } },
        },
      ),
  };
}

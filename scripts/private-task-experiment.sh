#!/usr/bin/env bash
# One Fargate task in an IPv6-only subnet, run once in a real AWS account, to confirm what no
# documentation settles for the private layout (docs/decisions/0002-private-task.md):
#   1. the image pull from a private ECR repository through its dual-stack address
#      (<account>.dkr-ecr.<region>.on.aws), with no public IPv4, NAT gateway or endpoint;
#   2. log delivery by awslogs (the agent's dual-stack CloudWatch Logs endpoint);
#   3. secrets injection from SSM Parameter Store and Secrets Manager;
#   4. Fargate Spot and ARM64 in such a subnet;
#   5. which field of DescribeTasks carries the task's IPv6 address (src/front-door/task-address.ts).
#
# It creates a throwaway VPC (IPv6 block, one IPv6-only subnet, an egress-only internet
# gateway), an ECR repository with one small image, a parameter, a secret, a log group, an
# execution role and a cluster, runs the task once, prints what happened, and deletes all of
# it (also on Ctrl-C or failure). Cost: a few cents (one Spot task for under a minute, one
# secret for an hour at most). Needs: aws CLI v2, docker, jq, credentials of an admin-like role.
#
#   scripts/private-task-experiment.sh us-west-2
#
# Expected output (ids differ), when everything works:
#   region us-west-2, account 123456789012, prefix fo-ipv6-1733472000
#   dualStackIPv6 account setting (for the record): disabled
#   network: vpc-... subnet-... (IPv6-only 2600:1f14:.../64) eigw-...
#   image: 123456789012.dkr-ecr.us-west-2.on.aws/fo-ipv6-1733472000:probe
#   task: arn:aws:ecs:us-west-2:123456789012:task/fo-ipv6-1733472000/...
#   task stopped: stopCode EssentialContainerExited, exit code 0
#   capacity provider FARGATE_SPOT, platform 1.4.0, cpu architecture ARM64
#   attachment details: subnetId networkInterfaceId macAddress privateDnsName ipv6Address   <- names, as ECS gives them
#   container networkInterfaces: [{"attachmentId": "...", "ipv6Address": "2600:1f14:..."}]
#   log: probe ok: SSM secret 16 chars, Secrets Manager secret 24 chars
#   RESULT: ECR pull, log delivery and both secrets work from an IPv6-only subnet
#   deleted everything
#
# A failure prints the task's stoppedReason instead, e.g. "ResourceInitializationError: unable
# to pull secrets or registry auth ... dial tcp <IPv4>:443: i/o timeout": then the dual-stack
# path is not taken for that step, and the private layout needs TaskPublicIp=true there.
set -euo pipefail

REGION="${1:?usage: $0 REGION}"
export AWS_REGION="$REGION" AWS_PAGER=""
ACCOUNT="$(aws sts get-caller-identity --query Account --output text)"
P="fo-ipv6-$(date +%s)"
echo "region $REGION, account $ACCOUNT, prefix $P"
echo "dualStackIPv6 account setting (for the record): $(aws ecs list-account-settings --name dualStackIPv6 --effective-settings --query 'settings[0].value' --output text)"

VPC="" SUBNET="" EIGW="" RTB="" SG="" ROLE="$P-exec" SECRET_ARN=""
cleanup() {
  set +e
  aws ecs delete-cluster --cluster "$P" >/dev/null 2>&1
  aws ecs list-task-definitions --family-prefix "$P" --query 'taskDefinitionArns' --output text 2>/dev/null | tr '\t' '\n' |
    while read -r td; do [ -n "$td" ] && aws ecs deregister-task-definition --task-definition "$td" >/dev/null 2>&1; done
  aws iam delete-role-policy --role-name "$ROLE" --policy-name secrets >/dev/null 2>&1
  aws iam detach-role-policy --role-name "$ROLE" --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy >/dev/null 2>&1
  aws iam delete-role --role-name "$ROLE" >/dev/null 2>&1
  aws ecr delete-repository --repository-name "$P" --force >/dev/null 2>&1
  aws ssm delete-parameter --name "/$P/ssm-secret" >/dev/null 2>&1
  [ -n "$SECRET_ARN" ] && aws secretsmanager delete-secret --secret-id "$SECRET_ARN" --force-delete-without-recovery >/dev/null 2>&1
  aws logs delete-log-group --log-group-name "/$P" >/dev/null 2>&1
  # The task's network interface goes some seconds after the task stops.
  for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
    [ -z "$SG" ] && break
    aws ec2 delete-security-group --group-id "$SG" >/dev/null 2>&1 && break
    sleep 10
  done
  [ -n "$SUBNET" ] && aws ec2 delete-subnet --subnet-id "$SUBNET" >/dev/null 2>&1
  [ -n "$RTB" ] && aws ec2 delete-route-table --route-table-id "$RTB" >/dev/null 2>&1
  [ -n "$EIGW" ] && aws ec2 delete-egress-only-internet-gateway --egress-only-internet-gateway-id "$EIGW" >/dev/null 2>&1
  [ -n "$VPC" ] && aws ec2 delete-vpc --vpc-id "$VPC" >/dev/null 2>&1
  echo "deleted everything"
}
trap cleanup EXIT

# 1. The network: an IPv6-only subnet whose only way out is an egress-only internet gateway.
VPC="$(aws ec2 create-vpc --cidr-block 10.77.0.0/16 --amazon-provided-ipv6-cidr-block --query Vpc.VpcId --output text)"
aws ec2 wait vpc-available --vpc-ids "$VPC"
BLOCK=""
for _ in 1 2 3 4 5 6; do
  BLOCK="$(aws ec2 describe-vpcs --vpc-ids "$VPC" --query 'Vpcs[0].Ipv6CidrBlockAssociationSet[?Ipv6CidrBlockState.State==`associated`].Ipv6CidrBlock | [0]' --output text)"
  [ "$BLOCK" != "None" ] && [ -n "$BLOCK" ] && break
  sleep 5
done
SLASH64="${BLOCK%/56}"; SLASH64="${SLASH64%::}::/64"
AZ="$(aws ec2 describe-availability-zones --query 'AvailabilityZones[0].ZoneName' --output text)"
SUBNET="$(aws ec2 create-subnet --vpc-id "$VPC" --availability-zone "$AZ" --ipv6-native --ipv6-cidr-block "$SLASH64" --query Subnet.SubnetId --output text)"
aws ec2 modify-subnet-attribute --subnet-id "$SUBNET" --assign-ipv6-address-on-creation
EIGW="$(aws ec2 create-egress-only-internet-gateway --vpc-id "$VPC" --query EgressOnlyInternetGateway.EgressOnlyInternetGatewayId --output text)"
RTB="$(aws ec2 create-route-table --vpc-id "$VPC" --query RouteTable.RouteTableId --output text)"
aws ec2 create-route --route-table-id "$RTB" --destination-ipv6-cidr-block ::/0 --egress-only-internet-gateway-id "$EIGW" >/dev/null
aws ec2 associate-route-table --route-table-id "$RTB" --subnet-id "$SUBNET" >/dev/null
SG="$(aws ec2 create-security-group --vpc-id "$VPC" --group-name "$P" --description "$P: no inbound" --query GroupId --output text)"
aws ec2 authorize-security-group-egress --group-id "$SG" --ip-permissions 'IpProtocol=-1,Ipv6Ranges=[{CidrIpv6=::/0}]' >/dev/null
echo "network: $VPC $SUBNET (IPv6-only $SLASH64) $EIGW"

# 2. The image, in a private repository, addressed through ECR's dual-stack endpoint.
aws ecr create-repository --repository-name "$P" >/dev/null
REGISTRY="$ACCOUNT.dkr-ecr.$REGION.on.aws"
aws ecr get-login-password | docker login --username AWS --password-stdin "$REGISTRY" >/dev/null
docker pull --quiet --platform linux/arm64 public.ecr.aws/docker/library/busybox:stable >/dev/null
docker tag public.ecr.aws/docker/library/busybox:stable "$REGISTRY/$P:probe"
docker push --quiet "$REGISTRY/$P:probe" >/dev/null
echo "image: $REGISTRY/$P:probe"

# 3. Two secrets, a log group, an execution role that may read exactly them.
aws ssm put-parameter --name "/$P/ssm-secret" --type SecureString --value "0123456789abcdef" >/dev/null
SECRET_ARN="$(aws secretsmanager create-secret --name "$P/sm-secret" --secret-string "0123456789abcdef01234567" --query ARN --output text)"
aws logs create-log-group --log-group-name "/$P"
aws iam create-role --role-name "$ROLE" --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
aws iam attach-role-policy --role-name "$ROLE" --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
aws iam put-role-policy --role-name "$ROLE" --policy-name secrets --policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[
  {\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameters\",\"Resource\":\"arn:aws:ssm:$REGION:$ACCOUNT:parameter/$P/ssm-secret\"},
  {\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"$SECRET_ARN\"}]}"
sleep 10 # IAM is eventually consistent

# 4. One task: ARM64 on Fargate Spot, no public IP, in the IPv6-only subnet.
aws ecs create-cluster --cluster-name "$P" --capacity-providers FARGATE FARGATE_SPOT >/dev/null
cat >"/tmp/$P-task.json" <<JSON
{
  "family": "$P", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
  "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
  "executionRoleArn": "arn:aws:iam::$ACCOUNT:role/$ROLE",
  "containerDefinitions": [{
    "name": "probe", "image": "$REGISTRY/$P:probe", "essential": true,
    "command": ["sh", "-c", "echo \"probe ok: SSM secret \${#FROM_SSM} chars, Secrets Manager secret \${#FROM_SM} chars\""],
    "secrets": [
      {"name": "FROM_SSM", "valueFrom": "arn:aws:ssm:$REGION:$ACCOUNT:parameter/$P/ssm-secret"},
      {"name": "FROM_SM", "valueFrom": "$SECRET_ARN"}],
    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/$P", "awslogs-region": "$REGION", "awslogs-stream-prefix": "probe"}}
  }]
}
JSON
aws ecs register-task-definition --cli-input-json "file:///tmp/$P-task.json" >/dev/null
TASK="$(aws ecs run-task --cluster "$P" --task-definition "$P" --platform-version LATEST \
  --capacity-provider-strategy capacityProvider=FARGATE_SPOT,weight=1 \
  --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],securityGroups=[$SG],assignPublicIp=DISABLED}" \
  --query 'tasks[0].taskArn' --output text)"
echo "task: $TASK"

# 5. What happened.
for _ in $(seq 1 40); do
  DETAIL="$(aws ecs describe-tasks --cluster "$P" --tasks "$TASK" --output json)"
  [ "$(echo "$DETAIL" | jq -r '.tasks[0].lastStatus')" = "RUNNING" ] && RUNNING_DETAIL="$DETAIL"
  [ "$(echo "$DETAIL" | jq -r '.tasks[0].lastStatus')" = "STOPPED" ] && break
  sleep 5
done
T="$(echo "${RUNNING_DETAIL:-$DETAIL}" | jq '.tasks[0]')"
S="$(echo "$DETAIL" | jq '.tasks[0]')"
echo "task stopped: stopCode $(echo "$S" | jq -r .stopCode), exit code $(echo "$S" | jq -r '.containers[0].exitCode')"
echo "capacity provider $(echo "$S" | jq -r .capacityProviderName), platform $(echo "$S" | jq -r .platformVersion), cpu architecture $(echo "$S" | jq -r '.attributes[]? | select(.name=="ecs.cpu-architecture") | .value')"
echo "attachment details: $(echo "$T" | jq -r '[.attachments[]? | select(.type=="ElasticNetworkInterface") | .details[].name] | join(" ")')"
echo "container networkInterfaces: $(echo "$T" | jq -c '.containers[0].networkInterfaces')"
REASON="$(echo "$S" | jq -r '.stoppedReason // ""')"
LOG="$(aws logs filter-log-events --log-group-name "/$P" --query 'events[].message' --output text 2>/dev/null || true)"
echo "log: ${LOG:-<none>}"
if [ "$(echo "$S" | jq -r '.containers[0].exitCode')" = "0" ] && echo "$LOG" | grep -q "SSM secret 16 chars, Secrets Manager secret 24 chars"; then
  echo "RESULT: ECR pull, log delivery and both secrets work from an IPv6-only subnet"
else
  echo "RESULT: FAILED: $REASON"
  exit 1
fi

import unittest

from helpers import REGION, StackTest, boto3
from patches import stack_delete_completes

TEMPLATE = {
    "Resources": {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "Gateway": {"Type": "AWS::EC2::InternetGateway"},
        "Attachment": {"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": {"Ref": "Vpc"}, "InternetGatewayId": {"Ref": "Gateway"}}},
        "Table": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
        "Default": {"Type": "AWS::EC2::Route", "DependsOn": "Attachment", "Properties": {"RouteTableId": {"Ref": "Table"}, "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": {"Ref": "Gateway"}}},
        "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "us-east-1a"}},
        "Association": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"SubnetId": {"Ref": "Subnet"}, "RouteTableId": {"Ref": "Table"}}},
        "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": "c"}},
        "Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"Family": "t", "ContainerDefinitions": [{"Name": "app", "Image": "nginx", "Memory": 512}]}},
        "Service": {"Type": "AWS::ECS::Service", "Properties": {"Cluster": {"Ref": "Cluster"}, "ServiceName": "s", "TaskDefinition": {"Ref": "Task"}, "DesiredCount": 1}},
    }
}


class StackDeleteCompletesTest(StackTest):
    def setUp(self) -> None:
        stack_delete_completes.apply()
        super().setUp()
        self.ec2 = boto3.client("ec2", region_name=REGION)
        self.ecs = boto3.client("ecs", region_name=REGION)

    def test_a_stack_with_its_own_vpc_and_service_deletes_everything(self) -> None:
        self.create("net", TEMPLATE)
        vpc = self.resources("net")["Vpc"]
        self.cf.delete_stack(StackName="net")
        [deleted] = [s for s in self.cf.list_stacks()["StackSummaries"] if s["StackName"] == "net"]
        self.assertEqual(deleted["StackStatus"], "DELETE_COMPLETE")
        self.assertEqual(self.ec2.describe_vpcs(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Vpcs"], [])
        self.assertEqual(self.ec2.describe_internet_gateways()["InternetGateways"], [])
        self.assertEqual([t for t in self.ec2.describe_route_tables()["RouteTables"] if t["VpcId"] == vpc], [])
        # ECS keeps a deleted service and cluster for a while as INACTIVE.
        self.assertEqual(self.ecs.describe_services(cluster="c", services=["s"])["services"][0]["status"], "INACTIVE")
        self.assertEqual(self.ecs.describe_clusters(clusters=["c"])["clusters"][0]["status"], "INACTIVE")
        self.assertEqual(self.ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"], [])


if __name__ == "__main__":
    unittest.main()

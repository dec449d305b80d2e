import ipaddress
import unittest

from helpers import REGION, StackTest, boto3
from patches import cfn_ec2_ipv6, fn_cidr

TEMPLATE = {
    "Resources": {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "Ipv6": {"Type": "AWS::EC2::VPCCidrBlock", "Properties": {"VpcId": {"Ref": "Vpc"}, "AmazonProvidedIpv6CidrBlock": True}},
        "Egress": {"Type": "AWS::EC2::EgressOnlyInternetGateway", "DependsOn": "Ipv6", "Properties": {"VpcId": {"Ref": "Vpc"}}},
        "Table": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}},
        "Out": {
            "Type": "AWS::EC2::Route",
            "Properties": {"RouteTableId": {"Ref": "Table"}, "DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": {"Ref": "Egress"}},
        },
        "Only6": {
            "Type": "AWS::EC2::Subnet",
            "DependsOn": "Ipv6",
            "Properties": {
                "VpcId": {"Ref": "Vpc"},
                "AvailabilityZone": "us-east-1a",
                "Ipv6Native": True,
                "Ipv6CidrBlock": {"Fn::Select": [0, {"Fn::Cidr": [{"Fn::Select": [0, {"Fn::GetAtt": ["Vpc", "Ipv6CidrBlocks"]}]}, 1, 64]}]},
            },
        },
    },
    "Outputs": {
        "Blocks": {"Value": {"Fn::Select": [0, {"Fn::GetAtt": ["Vpc", "Ipv6CidrBlocks"]}]}},
        "Block": {"Value": {"Fn::GetAtt": ["Ipv6", "Ipv6CidrBlock"]}},
        "Gateway": {"Value": {"Ref": "Egress"}},
    },
}


class Ec2Ipv6Test(StackTest):
    def setUp(self) -> None:
        cfn_ec2_ipv6.apply()
        fn_cidr.apply()  # the template carves the subnet's /64 with Fn::Cidr, as real ones do
        super().setUp()
        self.ec2 = boto3.client("ec2", region_name=REGION)

    def test_the_vpc_gets_an_amazon_ipv6_block_and_an_egress_only_gateway(self) -> None:
        self.create("v6", TEMPLATE)
        out = self.outputs("v6")
        vpc = self.ec2.describe_vpcs(VpcIds=[self.resources("v6")["Vpc"]])["Vpcs"][0]
        [association] = vpc["Ipv6CidrBlockAssociationSet"]
        self.assertEqual(out["Blocks"], association["Ipv6CidrBlock"])
        self.assertEqual(out["Block"], association["Ipv6CidrBlock"])
        [gateway] = self.ec2.describe_egress_only_internet_gateways()["EgressOnlyInternetGateways"]
        self.assertEqual(out["Gateway"], gateway["EgressOnlyInternetGatewayId"])
        self.assertEqual(gateway["Attachments"][0]["VpcId"], vpc["VpcId"])
        [table] = self.ec2.describe_route_tables(RouteTableIds=[self.resources("v6")["Table"]])["RouteTables"]
        self.assertIn(
            {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": gateway["EgressOnlyInternetGatewayId"]},
            [{k: r[k] for k in ("DestinationIpv6CidrBlock", "EgressOnlyInternetGatewayId") if k in r} for r in table["Routes"]],
        )
        [subnet] = self.ec2.describe_subnets(SubnetIds=[self.resources("v6")["Only6"]])["Subnets"]
        self.assertTrue(subnet["Ipv6Native"])
        block = ipaddress.ip_network(association["Ipv6CidrBlock"], strict=False)
        self.assertEqual(ipaddress.ip_network(subnet["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]), next(block.subnets(new_prefix=64)))


if __name__ == "__main__":
    unittest.main()

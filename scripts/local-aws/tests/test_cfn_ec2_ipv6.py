import unittest

from helpers import REGION, StackTest, boto3
from patches import cfn_ec2_ipv6

TEMPLATE = {
    "Resources": {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "Ipv6": {"Type": "AWS::EC2::VPCCidrBlock", "Properties": {"VpcId": {"Ref": "Vpc"}, "AmazonProvidedIpv6CidrBlock": True}},
        "Egress": {"Type": "AWS::EC2::EgressOnlyInternetGateway", "DependsOn": "Ipv6", "Properties": {"VpcId": {"Ref": "Vpc"}}},
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


if __name__ == "__main__":
    unittest.main()

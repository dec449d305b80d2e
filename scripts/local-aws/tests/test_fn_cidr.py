import unittest

from helpers import StackTest, boto3, REGION
from patches import fn_cidr


class FnCidrTest(StackTest):
    def setUp(self) -> None:
        fn_cidr.apply()
        super().setUp()

    def test_carves_consecutive_blocks(self) -> None:
        self.assertEqual(fn_cidr.cidr("10.0.0.0/16", 3, 8), ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"])
        self.assertEqual(fn_cidr.cidr("2600:1f18::/56", 2, 64), ["2600:1f18::/64", "2600:1f18:0:1::/64"])

    def test_subnets_of_a_stack_take_their_blocks_from_fn_cidr(self) -> None:
        template = {
            "Parameters": {"Cidr": {"Type": "String", "Default": "10.1.0.0/16"}},
            "Resources": {
                "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": {"Ref": "Cidr"}}},
                "B": {
                    "Type": "AWS::EC2::Subnet",
                    "Properties": {
                        "VpcId": {"Ref": "Vpc"},
                        "AvailabilityZone": "us-east-1b",
                        "CidrBlock": {"Fn::Select": [1, {"Fn::Cidr": [{"Ref": "Cidr"}, 2, 8]}]},
                    },
                },
            },
        }
        self.create("net", template)
        subnet = self.resources("net")["B"]
        described = boto3.client("ec2", region_name=REGION).describe_subnets(SubnetIds=[subnet])["Subnets"][0]
        self.assertEqual(described["CidrBlock"], "10.1.1.0/24")

    def test_too_many_bits_is_a_template_error(self) -> None:
        with self.assertRaises(Exception) as raised:
            fn_cidr.cidr("10.0.0.0/24", 2, 12)
        self.assertIn("cannot carve /20 blocks out of 10.0.0.0/24", str(raised.exception))


if __name__ == "__main__":
    unittest.main()

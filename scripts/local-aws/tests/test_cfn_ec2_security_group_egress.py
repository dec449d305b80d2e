import json
import unittest

from helpers import REGION, StackTest, boto3
from patches import cfn_ec2_security_group_egress

TEMPLATE = {
    "Resources": {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "Group": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "app", "VpcId": {"Ref": "Vpc"}}},
        "Https6": {
            "Type": "AWS::EC2::SecurityGroupEgress",
            "Properties": {"GroupId": {"Fn::GetAtt": ["Group", "GroupId"]}, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0", "Description": "HTTPS out"},
        },
    }
}


class SecurityGroupEgressTest(StackTest):
    def setUp(self) -> None:
        cfn_ec2_security_group_egress.apply()
        super().setUp()
        self.ec2 = boto3.client("ec2", region_name=REGION)

    def egress(self) -> list[dict]:
        [group] = self.ec2.describe_security_groups(GroupIds=[self.resources("sg")["Group"]])["SecurityGroups"]
        return [r for r in group["IpPermissionsEgress"] if r.get("Ipv6Ranges")]

    def test_the_rule_is_authorized_on_the_group_and_revoked_when_removed(self) -> None:
        self.create("sg", TEMPLATE)
        self.assertEqual(
            [(r["IpProtocol"], r["FromPort"], r["ToPort"], r["Ipv6Ranges"][0]["CidrIpv6"]) for r in self.egress()],
            [("tcp", 443, 443, "::/0")],
        )
        self.assertTrue(self.resources("sg")["Https6"].startswith("sgr-"))
        without = {"Resources": {k: v for k, v in TEMPLATE["Resources"].items() if k != "Https6"}}
        self.cf.update_stack(StackName="sg", TemplateBody=json.dumps(without))
        self.assertEqual(self.egress(), [])


if __name__ == "__main__":
    unittest.main()

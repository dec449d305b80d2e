import unittest

from helpers import REGION, StackTest, boto3
from patches import cfn_iam_oidc_provider

ARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
TEMPLATE = {
    "Resources": {
        "Provider": {
            "Type": "AWS::IAM::OIDCProvider",
            "Properties": {"Url": "https://token.actions.githubusercontent.com", "ClientIdList": ["sts.amazonaws.com"], "ThumbprintList": ["6938fd4d98bab03faadb97b34396831e3780aea1"]},
        }
    },
    "Outputs": {"Ref": {"Value": {"Ref": "Provider"}}, "Arn": {"Value": {"Fn::GetAtt": ["Provider", "Arn"]}}},
}


class OidcProviderTest(StackTest):
    def setUp(self) -> None:
        cfn_iam_oidc_provider.apply()
        super().setUp()
        self.iam = boto3.client("iam", region_name=REGION)

    def test_the_stack_makes_the_provider(self) -> None:
        self.create("oidc", TEMPLATE)
        self.assertEqual(self.outputs("oidc"), {"Ref": ARN, "Arn": ARN})
        provider = self.iam.get_open_id_connect_provider(OpenIDConnectProviderArn=ARN)
        self.assertEqual(provider["ClientIDList"], ["sts.amazonaws.com"])

    def test_deleting_the_stack_deletes_the_provider(self) -> None:
        self.create("oidc", TEMPLATE)
        self.cf.delete_stack(StackName="oidc")
        self.assertEqual(self.iam.list_open_id_connect_providers()["OpenIDConnectProviderList"], [])


if __name__ == "__main__":
    unittest.main()

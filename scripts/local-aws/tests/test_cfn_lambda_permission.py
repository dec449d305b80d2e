import json
import unittest

from helpers import REGION, StackTest, boto3
from patches import cfn_lambda_permission

TEMPLATE = {
    "Resources": {
        "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}},
        "Fn": {
            "Type": "AWS::Lambda::Function",
            "Properties": {"FunctionName": "f", "Runtime": "nodejs20.x", "Handler": "index.handler", "Role": {"Fn::GetAtt": ["Role", "Arn"]}, "Code": {"ZipFile": "exports.handler = async () => 1;"}},
        },
        "Invoke": {
            "Type": "AWS::Lambda::Permission",
            "Properties": {"Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Fn"}, "Principal": "apigateway.amazonaws.com"},
        },
    }
}


class LambdaPermissionTest(StackTest):
    def setUp(self) -> None:
        cfn_lambda_permission.apply()
        super().setUp()
        self.aws_lambda = boto3.client("lambda", region_name=REGION)

    def statement_ids(self) -> list[str]:
        policy = json.loads(self.aws_lambda.get_policy(FunctionName="f")["Policy"])
        return [s["Sid"] for s in policy["Statement"]]

    def test_the_permission_is_named_and_its_statement_has_that_id(self) -> None:
        self.create("perm", TEMPLATE)
        sid = self.resources("perm")["Invoke"]
        self.assertTrue(sid.startswith("perm-Invoke-"))
        self.assertEqual(self.statement_ids(), [sid])

    def test_an_update_that_removes_the_permission_removes_its_statement(self) -> None:
        self.create("perm", TEMPLATE)
        without = {"Resources": {k: v for k, v in TEMPLATE["Resources"].items() if k != "Invoke"}}
        self.cf.update_stack(StackName="perm", TemplateBody=json.dumps(without))
        with self.assertRaises(self.aws_lambda.exceptions.ResourceNotFoundException):
            self.statement_ids()


if __name__ == "__main__":
    unittest.main()

import unittest

from helpers import StackTest
from patches import cfn_wait_condition_handle


class WaitConditionHandleTest(StackTest):
    def setUp(self) -> None:
        cfn_wait_condition_handle.apply()
        super().setUp()

    def test_the_handle_is_a_resource_of_the_stack(self) -> None:
        template = {"Resources": {"Ready": {"Type": "AWS::CloudFormation::WaitConditionHandle", "Properties": {}}}, "Outputs": {"Url": {"Value": {"Ref": "Ready"}}}}
        self.create("wait", template)
        url = self.resources("wait")["Ready"]
        self.assertTrue(url.startswith("https://cloudformation-waitcondition-us-east-1.s3.amazonaws.com/arn:aws:cloudformation:us-east-1:"))
        self.assertTrue(url.endswith("/Ready"))
        self.assertEqual(self.outputs("wait"), {"Url": url})


if __name__ == "__main__":
    unittest.main()

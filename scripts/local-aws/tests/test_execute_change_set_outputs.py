import unittest

from helpers import StackTest
from patches import execute_change_set_outputs

TEMPLATE = {
    "Parameters": {"Name": {"Type": "String", "Default": "a"}},
    "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Ref": "Name"}}}},
    "Outputs": {"TopicName": {"Value": {"Fn::GetAtt": ["Topic", "TopicName"]}}},
}


class ExecuteChangeSetOutputsTest(StackTest):
    def setUp(self) -> None:
        execute_change_set_outputs.apply()
        super().setUp()

    def test_a_stack_made_by_a_change_set_has_its_outputs_and_parameters(self) -> None:
        stack = self.deploy("out", TEMPLATE, {"Name": "b"})
        self.assertEqual(self.outputs("out"), {"TopicName": "b"})
        self.assertEqual(stack["Parameters"], [{"ParameterKey": "Name", "ParameterValue": "b"}])


if __name__ == "__main__":
    unittest.main()

import unittest

from helpers import StackTest
from patches import stack_resources_created


class StackResourcesCreatedTest(StackTest):
    def setUp(self) -> None:
        stack_resources_created.apply()
        super().setUp()

    def test_a_resource_whose_condition_is_false_is_not_listed(self) -> None:
        template = {
            "Conditions": {"Never": {"Fn::Equals": ["a", "b"]}},
            "Resources": {"Kept": {"Type": "AWS::SNS::Topic"}, "Skipped": {"Type": "AWS::SNS::Topic", "Condition": "Never"}},
        }
        self.create("cond", template)
        listed = self.cf.describe_stack_resources(StackName="cond")["StackResources"]
        self.assertEqual([r["LogicalResourceId"] for r in listed], ["Kept"])


if __name__ == "__main__":
    unittest.main()

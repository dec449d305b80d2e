import unittest

from helpers import REGION, StackTest, boto3
from patches import update_keeps_resources

TEMPLATE = {
    "Parameters": {"Days": {"Type": "Number", "Default": 7}},
    "Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app", "RetentionInDays": {"Ref": "Days"}}}},
    "Outputs": {"Name": {"Value": {"Ref": "Logs"}}},
}


class UpdateKeepsResourcesTest(StackTest):
    def setUp(self) -> None:
        update_keeps_resources.apply()
        super().setUp()

    def test_a_log_group_update_keeps_it_in_the_stack_and_changes_its_retention(self) -> None:
        self.create("logs", TEMPLATE)
        self.cf.update_stack(StackName="logs", TemplateBody=__import__("json").dumps(TEMPLATE), Parameters=[{"ParameterKey": "Days", "ParameterValue": "30"}])
        self.assertEqual(self.resources("logs"), {"Logs": "/app"})
        self.assertEqual(self.outputs("logs"), {"Name": "/app"})
        [group] = boto3.client("logs", region_name=REGION).describe_log_groups(logGroupNamePrefix="/app")["logGroups"]
        self.assertEqual(group["retentionInDays"], 30)


if __name__ == "__main__":
    unittest.main()

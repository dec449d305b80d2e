import unittest

from helpers import REGION, StackTest, boto3
from patches import cfn_scheduler

TEMPLATE = {
    "Resources": {
        "Check": {
            "Type": "AWS::Scheduler::Schedule",
            "Properties": {
                "ScheduleExpression": "rate(5 minutes)",
                "FlexibleTimeWindow": {"Mode": "OFF"},
                "State": "ENABLED",
                "Target": {"Arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "RoleArn": "arn:aws:iam::123456789012:role/r", "Input": "{}"},
            },
        }
    },
    "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["Check", "Arn"]}}, "Name": {"Value": {"Ref": "Check"}}},
}


class SchedulerTest(StackTest):
    def setUp(self) -> None:
        cfn_scheduler.apply()
        super().setUp()
        self.scheduler = boto3.client("scheduler", region_name=REGION)

    def test_the_stack_makes_the_schedule(self) -> None:
        self.create("sched", TEMPLATE)
        name = self.resources("sched")["Check"]
        self.assertTrue(name.startswith("sched-Check-"))
        schedule = self.scheduler.get_schedule(Name=name)
        self.assertEqual(schedule["ScheduleExpression"], "rate(5 minutes)")
        self.assertEqual(schedule["Target"]["Arn"], "arn:aws:lambda:us-east-1:123456789012:function:f")
        self.assertEqual(self.outputs("sched"), {"Arn": schedule["Arn"], "Name": name})

    def test_a_schedule_group_of_the_stack_holds_its_schedule(self) -> None:
        grouped = {
            "Resources": {
                "Group": {"Type": "AWS::Scheduler::ScheduleGroup", "Properties": {"Name": "app"}},
                "Check": {**TEMPLATE["Resources"]["Check"], "Properties": {**TEMPLATE["Resources"]["Check"]["Properties"], "GroupName": {"Ref": "Group"}}},
            },
            "Outputs": {"GroupArn": {"Value": {"Fn::GetAtt": ["Group", "Arn"]}}},
        }
        self.create("grouped", grouped)
        self.assertEqual(self.scheduler.get_schedule_group(Name="app")["Arn"], self.outputs("grouped")["GroupArn"])
        [schedule] = self.scheduler.list_schedules(GroupName="app")["Schedules"]
        self.assertEqual(schedule["GroupName"], "app")

    def test_deleting_the_stack_deletes_the_schedule(self) -> None:
        self.create("sched", TEMPLATE)
        self.cf.delete_stack(StackName="sched")
        self.assertEqual(self.scheduler.list_schedules()["Schedules"], [])


if __name__ == "__main__":
    unittest.main()

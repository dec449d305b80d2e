import json
import unittest

from helpers import StackTest
from patches import update_follows_conditions

# The shape of the default stack's custom domain: a resource whose Condition is false, and
# another resource and an output that use its attribute only when it exists.
TEMPLATE = {
    "Parameters": {"Domain": {"Type": "String", "Default": ""}, "Retention": {"Type": "Number", "Default": 7}},
    "Conditions": {"HasDomain": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Domain"}, ""]}]}},
    "Resources": {
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": {"Ref": "Retention"}}},
        "DomainTopic": {"Type": "AWS::SNS::Topic", "Condition": "HasDomain", "Properties": {"TopicName": {"Ref": "Domain"}}},
        "Alias": {
            "Type": "AWS::SSM::Parameter",
            "Condition": "HasDomain",
            "Properties": {"Name": "/dom/alias", "Type": "String", "Value": {"Fn::GetAtt": ["DomainTopic", "TopicName"]}},
        },
        "Url": {
            "Type": "AWS::SSM::Parameter",
            "Properties": {"Name": "/dom/url", "Type": "String", "Value": {"Fn::If": ["HasDomain", {"Fn::GetAtt": ["DomainTopic", "TopicName"]}, "none"]}},
        },
    },
}


def changes(described: dict) -> list[str]:
    return sorted(f"{c['ResourceChange']['Action']} {c['ResourceChange']['LogicalResourceId']}" for c in described["Changes"])


class UpdateFollowsConditionsTest(StackTest):
    def setUp(self) -> None:
        update_follows_conditions.apply()
        super().setUp()

    def test_a_create_plans_only_the_resources_whose_condition_is_true(self) -> None:
        self.assertEqual(changes(self.change_set("dom", TEMPLATE)), ["Add Logs", "Add Url"])

    def test_an_update_with_a_false_condition_does_not_touch_its_resources(self) -> None:
        self.deploy("dom", TEMPLATE)
        url = TEMPLATE["Resources"]["Url"]
        changed = {**TEMPLATE, "Resources": {**TEMPLATE["Resources"], "Url": {**url, "Properties": {**url["Properties"], "Description": "new"}}}}
        # moto parsed Alias here and failed: "GetAtt references undefined resource DomainTopic".
        stack = self.deploy("dom", changed)
        self.assertEqual(stack["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(sorted(self.resources("dom")), ["Logs", "Url"])

    def test_a_parameter_change_alone_modifies_the_resources_that_use_it(self) -> None:
        self.deploy("dom", TEMPLATE)
        self.assertEqual(changes(self.change_set("dom", TEMPLATE, {"Retention": "14"})), ["Modify Logs"])

    def test_the_same_values_given_otherwise_are_no_change(self) -> None:
        # Created with the defaults; then a parameter kept as it was (UsePreviousValue, as a client
        # that reads the stack's parameters asks), or a default given as a value. (moto itself
        # refuses with "No updates are to be performed." when every parameter is kept and the
        # template is sent as a body.)
        self.deploy("same", TEMPLATE)
        self.cf.create_change_set(
            StackName="same",
            ChangeSetName="kept",
            TemplateBody=json.dumps(TEMPLATE),
            ChangeSetType="UPDATE",
            Parameters=[{"ParameterKey": "Domain", "UsePreviousValue": True}],
        )
        for described in (self.cf.describe_change_set(StackName="same", ChangeSetName="kept"), self.change_set("same", TEMPLATE, {"Retention": "7"})):
            self.assertEqual((described["Status"], described["ExecutionStatus"]), ("FAILED", "UNAVAILABLE"))
            self.assertIn("didn't contain changes", described["StatusReason"])
        self.assertEqual(self.change_set("same", TEMPLATE, {"Retention": "14"})["Status"], "CREATE_COMPLETE")

    def test_a_condition_turning_true_adds_its_resources_and_modifies_those_that_depend_on_it(self) -> None:
        self.deploy("dom", TEMPLATE)
        self.assertEqual(
            changes(self.change_set("dom", TEMPLATE, {"Domain": "example"})),
            ["Add Alias", "Add DomainTopic", "Modify Url"],
        )

    def test_a_condition_turning_false_removes_its_resources(self) -> None:
        self.deploy("dom", TEMPLATE, {"Domain": "example"})
        self.assertEqual(sorted(self.resources("dom")), ["Alias", "DomainTopic", "Logs", "Url"])
        self.assertEqual(
            changes(self.change_set("dom", TEMPLATE, {"Domain": ""})),
            ["Modify Url", "Remove Alias", "Remove DomainTopic"],
        )
        self.cf.execute_change_set(StackName="dom", ChangeSetName=f"c{self.count}")
        self.assertEqual(sorted(self.resources("dom")), ["Logs", "Url"])

    def test_a_change_set_creates_what_a_resource_depends_on_first(self) -> None:
        # The parameter is listed first but refers to the topic; the queue waits for it (DependsOn).
        template = {
            "Resources": {
                "Name": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/dep/topic", "Type": "String", "Value": {"Fn::GetAtt": ["Topic", "TopicName"]}}},
                "Queue": {"Type": "AWS::SQS::Queue", "DependsOn": "Name", "Properties": {"QueueName": "dep"}},
                "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "dep-topic"}},
            }
        }
        self.assertEqual(update_follows_conditions.dependency_order(["Name", "Queue", "Topic"], template["Resources"]), ["Topic", "Name", "Queue"])
        # The change set lists them in template order; executing it creates them in dependency order.
        self.assertEqual(changes(self.change_set("dep", template)), ["Add Name", "Add Queue", "Add Topic"])
        self.assertEqual([c["ResourceChange"]["LogicalResourceId"] for c in self.cf.describe_change_set(StackName="dep", ChangeSetName="c1")["Changes"]], ["Name", "Queue", "Topic"])
        self.cf.execute_change_set(StackName="dep", ChangeSetName="c1")
        self.assertEqual(sorted(self.resources("dep")), ["Name", "Queue", "Topic"])


if __name__ == "__main__":
    unittest.main()

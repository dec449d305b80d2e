import unittest

from helpers import StackTest
from patches import change_set_details, update_follows_conditions

TEMPLATE = {
    "Parameters": {"Days": {"Type": "Number", "Default": 7}, "Cidr": {"Type": "String", "Default": "10.0.0.0/16"}},
    "Resources": {
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": {"Ref": "Days"}}},
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": {"Ref": "Cidr"}, "EnableDnsSupport": True}},
    },
}


def resource_changes(described: dict) -> dict[str, dict]:
    return {c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"] for c in described["Changes"]}


class ChangeSetDetailsTest(StackTest):
    def setUp(self) -> None:
        update_follows_conditions.apply()
        change_set_details.apply()
        super().setUp()

    def test_a_parameter_change_is_a_detail_caused_by_the_parameter(self) -> None:
        self.deploy("cs", TEMPLATE)
        logs = resource_changes(self.change_set("cs", TEMPLATE, {"Days": "14"}))["Logs"]
        self.assertEqual(logs["Action"], "Modify")
        self.assertEqual(logs["Replacement"], "False")
        self.assertEqual(logs["Scope"], ["Properties"])
        self.assertEqual(
            logs["Details"],
            [
                {
                    "Target": {"Attribute": "Properties", "Name": "RetentionInDays", "RequiresRecreation": "Never", "BeforeValue": "7", "AfterValue": "14"},
                    "Evaluation": "Static",
                    "ChangeSource": "ParameterReference",
                    "CausingEntity": "Days",
                }
            ],
        )
        self.assertTrue(logs["PhysicalResourceId"].startswith("cs-Logs-"))

    def test_a_template_change_to_a_create_only_property_replaces_the_resource(self) -> None:
        self.deploy("cs", TEMPLATE)
        changed = {**TEMPLATE, "Resources": {**TEMPLATE["Resources"], "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.9.0.0/16", "EnableDnsSupport": False}}}}
        vpc = resource_changes(self.change_set("cs", changed))["Vpc"]
        targets = {d["Target"]["Name"]: (d["Target"]["RequiresRecreation"], d["ChangeSource"], d["Target"].get("AfterValue")) for d in vpc["Details"]}
        try:
            import cfnlint  # noqa: F401

            recreates = "Always"
        except ImportError:  # without cfn-lint's schemas nothing is known to recreate
            recreates = "Never"
        self.assertEqual(
            targets,
            {"CidrBlock": (recreates, "DirectModification", "10.9.0.0/16"), "EnableDnsSupport": ("Never", "DirectModification", "false")},
        )
        self.assertEqual(vpc["Replacement"], "True" if recreates == "Always" else "False")

    def test_adds_and_removes_carry_no_details(self) -> None:
        described = self.change_set("cs", TEMPLATE)
        self.assertEqual(sorted(c["ResourceChange"]["Action"] for c in described["Changes"]), ["Add", "Add"])
        self.assertTrue(all(c["ResourceChange"].get("Details", []) == [] for c in described["Changes"]))


if __name__ == "__main__":
    unittest.main()

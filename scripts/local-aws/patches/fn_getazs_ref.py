"""
moto's CloudFormation does not evaluate the argument of `Fn::GetAZs`.

`clean_json` (moto/cloudformation/parsing.py) builds the zone names from the raw argument, so
the usual `Fn::GetAZs: !Ref AWS::Region` gives `"{'Ref': 'AWS::Region'}a"`, and a subnet in
that zone fails with InvalidParameterValue. The fix evaluates the argument first; an empty
string still means the stack's region, as CloudFormation documents
(https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getavailabilityzones.html).
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import parsing

NAME = "fn_getazs_ref"
SUMMARY = "Fn::GetAZs evaluates its argument (moto uses `{'Ref': 'AWS::Region'}` as a region name)"


def apply() -> None:
    original = parsing.clean_json
    if getattr(original, "_fn_getazs", False):
        return

    def clean_json(resource_json: Any, resources_map: Any) -> Any:
        if isinstance(resource_json, dict) and "Fn::GetAZs" in resource_json:
            region = parsing.clean_json(resource_json["Fn::GetAZs"], resources_map)
            return original({"Fn::GetAZs": region or resources_map["AWS::Region"]}, resources_map)
        return original(resource_json, resources_map)

    clean_json._fn_getazs = True  # type: ignore[attr-defined]
    parsing.clean_json = clean_json

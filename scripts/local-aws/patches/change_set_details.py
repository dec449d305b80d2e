"""
moto's change sets carry no property details, and their diff leaves out parameter changes.

`ChangeSet.diff` (moto/cloudformation/models.py) lists each change's Action, LogicalResourceId
and ResourceType only: no PhysicalResourceId, Replacement, Scope or Details, so a reviewer sees
"Modify Service" and not what changes; and it computes the diff without the change set's
parameters, so a parameter change alone shows as no change.

With this patch the diff is `update_follows_conditions.plan` under the change set's parameters,
and each Modify carries what DescribeChangeSet documents
(https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChangeDetail.html):
one Detail per changed top-level property, with ChangeSource DirectModification (the template
changed it), ParameterReference (CausingEntity: the parameter; Evaluation Static) or
ResourceReference (CausingEntity: a resource being replaced; Evaluation Dynamic), and
BeforeValue/AfterValue when the value can be evaluated without resources. RequiresRecreation
comes from the resource type's createOnlyProperties when cfn-lint's schemas are importable
("Always"), else "Never"; Replacement is True when any detail requires recreation.
"""

from __future__ import annotations

import json
from typing import Any

from moto.cloudformation import models

from . import update_follows_conditions as ufc

NAME = "change_set_details"
SUMMARY = "change sets list property details (Replacement, Scope, Details) and parameter-only changes"


def as_text(value: Any) -> str:
    """A property value as DescribeChangeSet writes it (strings as is, the rest as JSON)."""
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def details(name: str, old: dict[str, Any], new: dict[str, Any], p: ufc.Plan, region: str) -> list[dict[str, Any]]:
    """One ResourceChangeDetail per changed top-level property of resource `name`."""
    old_props, new_props = old.get("Properties", {}) or {}, new.get("Properties", {}) or {}
    recreate = ufc.create_only_properties(new["Type"], region)
    out: list[dict[str, Any]] = []
    for prop in list(new_props) + [k for k in old_props if k not in new_props]:
        before, after = old_props.get(prop), new_props.get(prop)
        evaluation = "Static"
        if before != after:
            sources: list[tuple[str, str | None]] = [("DirectModification", None)]
        else:
            refs, conditions = ufc.references(after)
            causes = sorted(refs & p.changed_parameters)
            replaced = sorted(refs & set(p.replaced))
            if not causes and not replaced and not conditions & p.changed_conditions:
                continue
            sources = [("ParameterReference", c) for c in causes] + [("ResourceReference", r) for r in replaced]
            sources = sources or [("DirectModification", None)]
            if replaced and not causes:
                evaluation = "Dynamic"
        target: dict[str, Any] = {
            "Attribute": "Properties",
            "Name": prop,
            "RequiresRecreation": "Always" if prop in recreate else "Never",
        }
        ok_before, value_before = ufc.static_value(before, p.old) if before is not None else (True, None)
        ok_after, value_after = ufc.static_value(after, p.new) if after is not None else (True, None)
        if ok_before and ok_after:
            if value_before is not None:
                target["BeforeValue"] = as_text(value_before)
            if value_after is not None:
                target["AfterValue"] = as_text(value_after)
        for source, cause in sources:
            detail: dict[str, Any] = {"Target": dict(target), "Evaluation": evaluation, "ChangeSource": source}
            if cause:
                detail["CausingEntity"] = cause
            out.append(detail)
    return out


class DetailedChange(models.Change):
    """A Change with the ResourceChange fields moto leaves out."""

    def __init__(self, action: str, logical_resource_id: str, resource_type: str, physical_resource_id: str | None, change_details: list[dict[str, Any]]):
        super().__init__(action, logical_resource_id, resource_type)
        self.physical_resource_id = physical_resource_id
        self.details = change_details
        self.scope = sorted({d["Target"]["Attribute"] for d in change_details})
        if action == "Modify":
            self.replacement = "True" if any(d["Target"]["RequiresRecreation"] == "Always" for d in change_details) else "False"


def diff(change_set: Any) -> list[models.Change]:
    """The change set's changes, planned under its parameters."""
    resource_map = change_set.stack.resource_map
    template = change_set.template_dict
    p = ufc.plan(resource_map, template, change_set.parameters)
    old_resources = resource_map._resource_json_map or {}
    changes: list[models.Change] = []
    for action, names in (("Add", p.add), ("Modify", p.modify), ("Remove", p.remove)):
        for name in names:
            new = template["Resources"].get(name)
            old = old_resources.get(name)
            current = resource_map._parsed_resources.get(name) if action != "Add" else None
            physical = getattr(current, "physical_resource_id", None)
            change_details = details(name, old, new, p, resource_map._region_name) if action == "Modify" else []
            changes.append(DetailedChange(action, name, (new or old)["Type"], physical, change_details))
    return changes


def apply() -> None:
    if getattr(models.ChangeSet.diff, "_details", False):
        return
    diff._details = True  # type: ignore[attr-defined]
    models.ChangeSet.diff = diff  # type: ignore[method-assign]

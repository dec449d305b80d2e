"""
moto's stack updates and change sets ignore Conditions and parameter changes.

`ResourceMap.build_resource_diff` (moto/cloudformation/parsing.py) compares the two templates'
`Resources` sections as text. So:
- a resource whose Condition is false is listed as Add (create) or Modify (update), and an update
  then parses it: `Fn::GetAtt` on another resource whose Condition is false fails with
  "Template error: instance of Fn::GetAtt references undefined resource X";
- a resource whose Condition turns false is not removed, and one that turns true is not added;
- a change set for a parameter change alone lists no changes (the change set's diff is built
  without the parameters);
- and a change set that changes nothing is executable when the values are given otherwise than
  before: `Stack.has_parameters` compares the given dicts, so a parameter left to its default
  then kept with UsePreviousValue, or given its default, counts as a change.

And `ResourceMap.update`, which also executes change sets (so every stack made by a change
set), creates the added resources in template order, ignoring DependsOn: a subnet that takes
its block from `Fn::GetAtt Vpc.Ipv6CidrBlocks` is made before the VPCCidrBlock it depends on,
and `Fn::Select` over the empty list raises IndexError.

CloudFormation plans on the evaluated template, and creates in dependency order: a resource exists when its Condition is true
under the stack's parameters, and a resource that refers to a changed parameter (or to a
Condition whose value changed) is modified; a change set whose template and parameter values
are the stack's is FAILED ("didn't contain changes"). This patch makes `build_resource_diff`
and `has_parameters` do that, and is what `change_set_details` builds on. Upstream, `plan()`
would replace the body of `build_resource_diff`, and `has_parameters` would compare
`parameter_values()`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from moto.cloudformation import models, parsing

NAME = "update_follows_conditions"
SUMMARY = "updates and change sets follow Conditions and parameter changes (moto diffs the raw Resources text)"


def conditions_and_parameters(resource_map: Any, template: dict[str, Any], parameters: dict[str, Any]) -> Any:
    """A resource-less ResourceMap holding `template`'s parameters and Conditions under `parameters`.

    Its `Ref` to a resource raises KeyError and its `Fn::GetAtt` a ValidationError, so it
    evaluates only what does not depend on resources (nothing is ever created through it).
    """
    light = {k: v for k, v in template.items() if k not in ("Resources", "Outputs")}
    light["Resources"] = {}
    m = parsing.ResourceMap(
        resource_map.stack_id,
        resource_map["AWS::StackName"],
        dict(parameters),
        {},
        region_name=resource_map._region_name,
        account_id=resource_map._account_id,
        template=light,
        cross_stack_resources=resource_map.cross_stack_resources,
    )
    m.load_mapping()
    m.load_parameters()
    m.load_conditions()
    return m


def static_value(value: Any, evaluator: Any) -> tuple[bool, Any]:
    """`(True, value)` when `value` evaluates without resources, else `(False, None)`."""
    try:
        return True, parsing.clean_json(copy.deepcopy(value), evaluator)
    except Exception:  # a Ref/GetAtt to a resource, or anything the evaluator cannot do
        return False, None


def create_only_properties(resource_type: str, region: str) -> set[str]:
    """Top-level properties whose change replaces the resource (cfn-lint's schemas), if known."""
    try:
        from cfnlint.schema import PROVIDER_SCHEMA_MANAGER  # type: ignore[import-not-found]

        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema(region, resource_type).schema
    except Exception:
        return set()
    return {p.split("/")[2] for p in schema.get("createOnlyProperties", []) if p.startswith("/properties/")}


def changed_properties(old: dict[str, Any], new: dict[str, Any], p: "Plan") -> set[str]:
    """The top-level properties of a resource that change: edited, or using what changed."""
    old_props, new_props = old.get("Properties", {}) or {}, new.get("Properties", {}) or {}
    out = set()
    for prop in set(old_props) | set(new_props):
        before, after = old_props.get(prop), new_props.get(prop)
        refs, conditions = references(after)
        if before != after or refs & (p.changed_parameters | set(p.replaced)) or conditions & p.changed_conditions:
            out.add(prop)
    return out


def references(value: Any) -> tuple[set[str], set[str]]:
    """The names `value` refers to (Ref, Fn::GetAtt, ${...} in Fn::Sub), and the Conditions its Fn::If use."""
    refs: set[str] = set()
    conditions: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, dict):
            for k, inner in v.items():
                if k == "Ref" and isinstance(inner, str):
                    refs.add(inner)
                elif k == "Fn::GetAtt":
                    target = inner[0] if isinstance(inner, list) and inner else str(inner).split(".", 1)[0]
                    refs.add(str(target))
                elif k == "Fn::If" and isinstance(inner, list) and inner:
                    conditions.add(str(inner[0]))
                elif k == "Fn::Sub":
                    text = inner[0] if isinstance(inner, list) else inner
                    if isinstance(text, str):
                        for part in text.split("${")[1:]:
                            if not part.startswith("!"):
                                refs.add(part.split("}", 1)[0].split(".", 1)[0])
                walk(inner)
        elif isinstance(v, list):
            for inner in v:
                walk(inner)

    walk(value)
    return refs, conditions


@dataclass
class Plan:
    """What an update does to each resource, by logical id, in template order."""

    add: list[str] = field(default_factory=list)
    modify: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    changed_parameters: set[str] = field(default_factory=set)
    changed_conditions: set[str] = field(default_factory=set)
    create_order: list[str] = field(default_factory=list)
    """`add` in the order to create them: each after what it depends on."""
    replaced: list[str] = field(default_factory=list)
    """Modified resources that a change of a create-only property replaces (a new physical id)."""
    old: Any = None
    new: Any = None


def exists(resource: dict[str, Any] | None, evaluator: Any) -> bool:
    """Whether a resource is in the stack: it is in the template and its Condition is true."""
    if resource is None:
        return False
    condition = resource.get("Condition")
    return not condition or bool(evaluator.lazy_condition_map[condition])


def plan(resource_map: Any, template: dict[str, Any], parameters: dict[str, Any] | None) -> Plan:
    """Compares the stack (`resource_map`) with `template` under `parameters` as CloudFormation does."""
    old_template = resource_map._template or {"Resources": {}}
    old_resources: dict[str, Any] = resource_map._resource_json_map or {}
    new_resources: dict[str, Any] = template.get("Resources", {})
    old_params = dict(resource_map.input_parameters or {})
    new_params = dict(parameters if parameters is not None else old_params)

    result = Plan()
    result.old = conditions_and_parameters(resource_map, old_template, old_params)
    result.new = conditions_and_parameters(resource_map, template, new_params)
    old_values, new_values = result.old.resolved_parameters, result.new.resolved_parameters
    result.changed_parameters = {
        p for p in set(old_values) | set(new_values) if old_values.get(p) != new_values.get(p)
    }
    old_conditions = set(old_template.get("Conditions", {}))
    result.changed_conditions = {
        c
        for c in template.get("Conditions", {})
        if c in old_conditions and bool(result.old.lazy_condition_map[c]) != bool(result.new.lazy_condition_map[c])
    }

    both: list[str] = []
    for name, resource in new_resources.items():
        was = exists(old_resources.get(name), result.old)
        now = exists(resource, result.new)
        if now and not was:
            result.add.append(name)
        elif now and was:
            both.append(name)
        elif was and not now:
            result.remove.append(name)
    # A resource is modified when its properties change or use something that changed; one
    # whose create-only property changes is replaced, so what refers to it changes in turn.
    region = resource_map._region_name
    while True:
        modify = [n for n in both if new_resources[n] != old_resources[n] or changed_properties(old_resources[n], new_resources[n], result)]
        replaced = [
            n
            for n in modify
            if changed_properties(old_resources[n], new_resources[n], result) & create_only_properties(new_resources[n]["Type"], region)
        ]
        if modify == result.modify and replaced == result.replaced:
            break
        result.modify, result.replaced = modify, replaced
    result.remove += [n for n, r in old_resources.items() if n not in new_resources and exists(r, result.old)]
    result.create_order = dependency_order(result.add, new_resources)
    return result


def dependencies(resource: dict[str, Any]) -> set[str]:
    """What a resource waits for: its DependsOn, and what it refers to (Ref, Fn::GetAtt, Fn::Sub)."""
    depends = resource.get("DependsOn", [])
    refs, _ = references(resource.get("Properties", {}))
    return set([depends] if isinstance(depends, str) else depends) | refs


def dependency_order(names: list[str], resources: dict[str, Any]) -> list[str]:
    """`names` with each after what it depends on among them (template order otherwise)."""
    wanted = set(names)
    ordered: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        for dependency in sorted(dependencies(resources[name]) & wanted):
            visit(dependency)
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def parameter_values(template: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The value of each of `template`'s parameters: the given one, else its Default, as text."""
    specs = template.get("Parameters") or {}

    def text(value: Any) -> Any:
        if isinstance(value, list):
            return ",".join(str(v) for v in value)
        return value if value is None else str(value)

    return {name: text(given[name] if name in given else (spec or {}).get("Default")) for name, spec in specs.items()} | {
        name: text(value) for name, value in given.items() if name not in specs
    }


def apply() -> None:
    original = parsing.ResourceMap.build_resource_diff
    if getattr(original, "_follows_conditions", False):
        return

    def build_resource_diff(self: Any, other_template: dict[str, Any], parameters: dict[str, Any] | None = None) -> dict[str, Any]:
        p = plan(self, other_template, parameters)
        # The update creates in this order; change sets keep listing `add` in template order.
        return {"Add": p.create_order, "Modify": p.modify, "Remove": p.remove}

    original_update = parsing.ResourceMap.update

    def update(self: Any, template: dict[str, Any], parameters: dict[str, Any] | None = None) -> None:
        removed = plan(self, template, parameters).remove
        original_update(self, template, parameters)
        # moto deletes a removed resource but keeps it in the map, so Ref and the stack's
        # resource list would still show it.
        for name in removed:
            self._parsed_resources.pop(name, None)

    def diff(change_set: Any) -> list[Any]:
        # moto's ChangeSet.diff plans without the change set's parameters.
        p = plan(change_set.stack.resource_map, change_set.template_dict, change_set.parameters)
        old = change_set.stack.resource_map._resource_json_map or {}
        new = change_set.template_dict.get("Resources", {})
        return [
            models.Change(action, name, (new.get(name) or old[name])["Type"])
            for action, names in (("Add", p.add), ("Modify", p.modify), ("Remove", p.remove))
            for name in names
        ]

    def has_parameters(self: Any, other_parameters: dict[str, Any]) -> bool:
        # Called once the templates are equal, so the stack's template names both sides' defaults.
        self._parse_template()
        return parameter_values(self.template_dict, self.parameters or {}) == parameter_values(self.template_dict, other_parameters or {})

    models.Stack.has_parameters = has_parameters  # type: ignore[method-assign]
    if not getattr(models.ChangeSet.diff, "_details", False):
        models.ChangeSet.diff = diff  # type: ignore[method-assign]
    build_resource_diff._follows_conditions = True  # type: ignore[attr-defined]
    parsing.ResourceMap.build_resource_diff = build_resource_diff  # type: ignore[method-assign]
    parsing.ResourceMap.update = update  # type: ignore[method-assign]

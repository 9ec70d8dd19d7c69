"""The registry of matter types. Each mechanism registers its workflows from ``AppConfig.ready``."""

from .definitions import Workflow

_WORKFLOWS: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    existing = _WORKFLOWS.get(workflow.name)
    if existing is not None and existing is not workflow:
        raise ValueError(f"workflow {workflow.name!r} is registered twice")
    _WORKFLOWS[workflow.name] = workflow
    return workflow


def get_workflow(name: str) -> Workflow:
    try:
        return _WORKFLOWS[name]
    except KeyError:
        raise LookupError(f"no workflow named {name!r} is registered") from None


def all_workflows() -> list[Workflow]:
    return list(_WORKFLOWS.values())

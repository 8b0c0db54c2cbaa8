from tests.plans.builders import plan, written_plan  # noqa: F401 (fixtures)

from tests.plans.builders import may_amend, plan, written_plan  # noqa: F401 (fixtures)

"""Every change to decision notices, ceasing, mediation and appeals goes through these services.

Each validates fully before writing, runs in one audited transaction, checks the version the
person saw, and refuses bad input with a message naming the field.
"""

from sendcase.appeals.services.ceasing import (
    cease_consultation_record,
    cease_decide,
    cease_propose,
    open_proposal,
    plan_cease_finalise,
)
from sendcase.appeals.services.notices import (
    certificate_record,
    decision_notice_send,
    mediation_record,
)
from sendcase.appeals.services.tribunal import (
    tribunal_appeal_lodge,
    tribunal_appeal_update,
    tribunal_order_record,
    tribunal_order_step_comply,
)

__all__ = [
    "cease_consultation_record",
    "cease_decide",
    "cease_propose",
    "certificate_record",
    "decision_notice_send",
    "mediation_record",
    "open_proposal",
    "plan_cease_finalise",
    "tribunal_appeal_lodge",
    "tribunal_appeal_update",
    "tribunal_order_record",
    "tribunal_order_step_comply",
]

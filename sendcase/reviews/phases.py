"""From a setting's directory record to the kind of school it is, for phase transfers.

The directory records a setting's phase (nursery, primary, middle, secondary, all-through,
post-16) but not its age range, and has no phase for infant or first schools. SENDcase reads
those from the school's name, as GIAS names them ("... Infant School", "... First School")
[UNCONFIRMED: a council whose names differ should record the phase]. See
sendcase/timescales/phases.py for the year groups each kind of school ends at.
"""

from __future__ import annotations

from sendcase.organisations.models import Organisation, Phase, SettingType
from sendcase.timescales.phases import SchoolStage

_BY_PHASE = {
    Phase.NURSERY: SchoolStage.EARLY_YEARS,
    Phase.MIDDLE: SchoolStage.MIDDLE,
    Phase.SECONDARY: SchoolStage.SECONDARY,
    Phase.ALL_THROUGH: SchoolStage.ALL_THROUGH,
    Phase.POST_16: SchoolStage.POST_16,
    Phase.NOT_APPLICABLE: SchoolStage.UNKNOWN,
}


def school_stage(setting: Organisation | None) -> SchoolStage:
    """The kind of school `setting` is, as phase transfer sees it; UNKNOWN with no setting."""
    if setting is None:
        return SchoolStage.UNKNOWN
    return stage_of(phase=setting.phase, setting_type=setting.setting_type, name=setting.name)


def stage_of(*, phase: str | None, setting_type: str | None, name: str | None) -> SchoolStage:
    """`school_stage` from a setting's phase, type and name, for reads that bring back plain values.

    All three None (no setting recorded) gives UNKNOWN.
    """
    if setting_type == SettingType.EARLY_YEARS:
        return SchoolStage.EARLY_YEARS
    if phase == Phase.PRIMARY:
        lowered = (name or "").lower()
        if "infant" in lowered:
            return SchoolStage.INFANT
        if "first school" in lowered:
            return SchoolStage.FIRST
        return SchoolStage.PRIMARY
    return _BY_PHASE.get(Phase(phase), SchoolStage.UNKNOWN) if phase in Phase.values else SchoolStage.UNKNOWN

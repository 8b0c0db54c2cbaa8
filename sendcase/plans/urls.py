"""A child's EHC plan content: /children/<child>/plans/<plan>/..., and a draft plan before the plan exists.

The draft plan of an assessment request (reg 12-13) is written and sent before the final plan,
and so the plan, exists: /children/<child>/requests/<request>/draft-plan/... (the same views).
"""

from django.urls import path

from sendcase.plans.views import content, versions

app_name = "plans"

_PLAN = "children/<uuid:child_id>/plans/<uuid:plan_id>/"
_DRAFT = "children/<uuid:child_id>/requests/<uuid:request_id>/draft-plan/"

urlpatterns = [
    path(_PLAN, content.plan_detail, name="plan"),
    path(_PLAN + "sections/<slug:section>/", content.section_edit, name="section-edit"),
    path(_PLAN + "outcomes/<uuid:outcome_id>/progress/", content.progress_new, name="progress-new"),
    path(_PLAN + "versions/", versions.version_list, name="versions"),
    path(_PLAN + "versions/new/", versions.version_issue, name="version-issue"),
    path(_PLAN + "versions/<int:number>/", versions.version_detail, name="version"),
    path(_PLAN + "versions/<int:number>/pdf/", versions.version_pdf, name="version-pdf"),
    path(_PLAN + "compare/", versions.compare, name="compare"),
    path(_DRAFT, content.plan_detail, name="request-plan"),
    path(_DRAFT + "sections/<slug:section>/", content.section_edit, name="request-section-edit"),
    path(_DRAFT + "versions/", versions.version_list, name="request-versions"),
    path(_DRAFT + "versions/new/", versions.version_issue, name="request-version-issue"),
    path(_DRAFT + "versions/<int:number>/", versions.version_detail, name="request-version"),
    path(_DRAFT + "versions/<int:number>/pdf/", versions.version_pdf, name="request-version-pdf"),
    path(_DRAFT + "compare/", versions.compare, name="request-compare"),
]

"""A child's EHC plan content: /children/<child>/plans/<plan>/..."""

from django.urls import path

from sendcase.plans.views import content, versions

app_name = "plans"

_PLAN = "children/<uuid:child_id>/plans/<uuid:plan_id>/"

urlpatterns = [
    path(_PLAN, content.plan_detail, name="plan"),
    path(_PLAN + "sections/<slug:section>/", content.section_edit, name="section-edit"),
    path(_PLAN + "outcomes/<uuid:outcome_id>/progress/", content.progress_new, name="progress-new"),
    path(_PLAN + "versions/", versions.version_list, name="versions"),
    path(_PLAN + "versions/new/", versions.version_issue, name="version-issue"),
    path(_PLAN + "versions/<int:number>/", versions.version_detail, name="version"),
    path(_PLAN + "versions/<int:number>/pdf/", versions.version_pdf, name="version-pdf"),
    path(_PLAN + "compare/", versions.compare, name="compare"),
]

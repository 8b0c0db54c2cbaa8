"""Decisions with appeal rights, ceasing plans, mediation and the Tribunal (docs/appeals.md)."""

from django.urls import path

from sendcase.appeals.views import ceasing, notices, overview

app_name = "appeals"

_child = "children/<uuid:child_id>/"
urlpatterns = [
    path("appeals/", overview.overview, name="overview"),
    path(f"{_child}decisions/new/", notices.notice_new, name="notice-new"),
    path(f"{_child}decisions/<uuid:notice_id>/", notices.notice_letter, name="letter"),
    path(f"{_child}decisions/<uuid:notice_id>/letter.pdf", notices.notice_letter_pdf, name="letter-pdf"),
    path(f"{_child}decisions/<uuid:notice_id>/mediation/", notices.mediation, name="mediation"),
    path(f"{_child}decisions/<uuid:notice_id>/certificate/", notices.certificate, name="certificate"),
    path(f"{_child}decisions/<uuid:notice_id>/appeal/", notices.appeal_new, name="appeal-new"),
    path(f"{_child}appeals/<uuid:appeal_id>/", notices.appeal_update, name="appeal-update"),
    path(f"{_child}appeals/<uuid:appeal_id>/orders/new/", notices.order_new, name="order-new"),
    path(f"{_child}order-steps/<uuid:order_step_id>/", notices.order_step, name="order-step"),
    path(f"{_child}cease/new/", ceasing.cease_new, name="cease-new"),
    path(f"{_child}cease/<uuid:proposal_id>/consultation/", ceasing.cease_consultation, name="cease-consultation"),
    path(f"{_child}cease/<uuid:proposal_id>/decision/", ceasing.cease_decision, name="cease-decision"),
    path(f"{_child}cease/<uuid:proposal_id>/end/", ceasing.cease_finalise, name="cease-finalise"),
]

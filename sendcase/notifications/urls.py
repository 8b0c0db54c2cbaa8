from django.urls import path

from sendcase.notifications import views, views_check, views_family, views_receipts

app_name = "notifications"
urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
    path("family/", views_family.family_tasks, name="family-tasks"),
    path("letters/<uuid:message_id>/", views_family.letter_preview, name="letter"),
    path("letters/<uuid:message_id>/letter.pdf", views_family.letter_pdf_download, name="letter-pdf"),
    path("letters/<uuid:message_id>/send/", views_family.letter_send_view, name="letter-send"),
    path("letters/<uuid:message_id>/call-done/", views_family.call_done_view, name="call-done"),
    path("letter-details/", views_family.letter_details, name="letter-details"),
    path("notify/receipts/", views_receipts.notify_receipt, name="notify-receipts"),
    path("check-wording/", views_check.wording_check, name="check-wording"),
    path("young-person/<uuid:child_id>/", views_family.young_person_contact, name="young-person"),
]

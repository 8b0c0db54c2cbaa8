from django.urls import path

from sendcase.reviews.views import case, lists

app_name = "reviews"
urlpatterns = [
    path("reviews/", lists.reviews_home, name="home"),
    path("reviews/lists/", lists.school_list, name="school-list"),
    path("reviews/school/", lists.school_reviews, name="school-reviews"),
    path("reviews/phase-transfers/", lists.transfer_tracker, name="phase-transfers"),
    path("reviews/performance/", lists.performance, name="performance"),
    path("children/<uuid:child_id>/reviews/new/", case.review_new, name="review-new"),
    path("children/<uuid:child_id>/reviews/<slug:step>/", case.review_step, name="review-step"),
]

from django.urls import path

from filtering.views import monitoring, reviews, tests

app_name = "filtering"

# Beside the other registers (the Registers navigation item covers every page below it).
prefix = "o/<slug:org_slug>/registers/filtering/"
test = prefix + "tests/<uuid:test_code>/"
review = prefix + "reviews/<uuid:filtering_review_code>/"

urlpatterns = [
    path(prefix, tests.index, name="index"),
    path(prefix + "tests/", tests.test_index, name="tests"),
    path(prefix + "tests/new/", tests.test_create, name="test_create"),
    path(test, tests.test_detail, name="test"),
    path(test + "action/", tests.test_raise_action, name="test_raise_action"),
    path(prefix + "monitoring/", monitoring.monitoring_index, name="monitoring"),
    path(
        prefix + "monitoring/record/", monitoring.monitoring_record_view, name="monitoring_record"
    ),
    path(prefix + "reviews/", reviews.review_index, name="reviews"),
    path(prefix + "reviews/new/", reviews.review_create, name="review_create"),
    path(review, reviews.review_detail, name="review"),
    path(review + "sign-off/", reviews.review_sign_off, name="review_sign_off"),
]

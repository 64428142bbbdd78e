from django.urls import path

from training.views import courses, matrix, staff

app_name = "training"

prefix = "o/<slug:org_slug>/training/"
person = prefix + "staff/<uuid:staff_code>/"
course = prefix + "courses/<uuid:course_code>/"

urlpatterns = [
    path(prefix, matrix.matrix, name="matrix"),
    path(prefix + "overdue/", matrix.overdue, name="overdue"),
    path(prefix + "new-starters/", matrix.new_starters, name="new_starters"),
    path(prefix + "staff/", staff.staff_index, name="staff_list"),
    path(prefix + "staff/new/", staff.staff_create_view, name="staff_create"),
    path(person, staff.staff_detail, name="staff"),
    path(person + "edit/", staff.staff_edit, name="staff_edit"),
    path(person + "completions/", staff.completion_create, name="completion_create"),
    path(
        prefix + "completions/<uuid:completion_code>/remove/",
        staff.completion_delete,
        name="completion_delete",
    ),
    path(prefix + "courses/", courses.course_index, name="courses"),
    path(prefix + "courses/new/", courses.course_create_view, name="course_create"),
    path(course, courses.course_detail, name="course"),
    path(course + "edit/", courses.course_edit, name="course_edit"),
    path(course + "session/", courses.session, name="session"),
]

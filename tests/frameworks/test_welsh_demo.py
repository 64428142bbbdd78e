"""The demo's respond page shows the built-in framework's Welsh to a quality manager who chose
Welsh, and its English to one who did not (issue 18). Its own module: the demo world stays in
place for the whole module."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from assessments.models import Response


def test_the_demo_respond_page_is_welsh_for_a_quality_manager_who_chose_welsh(
    demo_world, db, client_for
):
    response = Response.unscoped.filter(
        assessment__organisation__slug="northfield-training",
        assessment__status="draft",
        benchmark__code="C1.1",
    ).first()
    assert response is not None
    assert response.assessment.framework_version.version == "2026.3"
    qm = get_user_model().objects.get(email="qm@northfield.demo.example")
    url = reverse(
        "assessments:respond",
        kwargs={"org_slug": "northfield-training", "assessment_code": response.assessment.code},
    )
    english = client_for(qm).get(url + "?criterion=C1").content.decode()
    assert "Meaningful implementation and leadership" in english
    assert "Gweithredu ystyrlon ac arweinyddiaeth" not in english

    qm.language = "cy"
    qm.save(update_fields=["language"])
    welsh = client_for(qm).get(url + "?criterion=C1").content.decode()
    for text in [
        "Gweithredu ystyrlon ac arweinyddiaeth",  # the criterion's title
        "Mae uwch arweinydd a enwir yn atebol am Prevent",  # C1.1's statement
        "Wedi&#x27;i wreiddio a&#x27;i werthuso",  # level 1 of the scale
        "Gwyrdd: tystiolaeth gadarn",  # the confidence scale
    ]:
        assert text in welsh, text
    assert "Meaningful implementation and leadership" not in welsh

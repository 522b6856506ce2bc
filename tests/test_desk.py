"""A desk's workflow without the browser: assignments, second looks, comments."""
import re

import pytest

from conftest import add_user


def _ids(client, seeded):
    return [int(i) for i in re.findall(r'id="quote-(\d+)"',
                                      client.get(f"/quotes?article={seeded}").get_data(as_text=True))]


def test_assign_a_queue_and_find_it_in_my_queue(client, client_as, seeded, app):
    add_user(app, "rev_rob", "reviewer")
    resp = client.post(f"/desk/assign?article={seeded}&status=unreviewed",
                       data={"reviewer": "rev_rob", "label": "The Sochi story"})
    assert resp.status_code == 303
    rob = client_as("rev_rob")
    page = rob.get("/desk").get_data(as_text=True)
    n = len(_ids(client, seeded))
    assert "The Sochi story" in page and f"{n} of {n} quotes unreviewed" in page
    assert f'href="/review?status=unreviewed&amp;article={seeded}"' in page
    # Rita's own queue is empty; the desk lists everyone's.
    mine = client.get("/desk").get_data(as_text=True)
    assert "Nothing assigned to you" in mine and "rev_rob" in mine
    assert client.post("/desk/assign?article=1", data={"reviewer": "nobody"}).status_code == 400
    assert client.post("/desk/assign?status=bogus", data={"reviewer": "rev_rob"}).status_code == 400
    assert client.post("/desk/assign", data={}).status_code == 400
    assert client.post("/desk/assignments/999/remove").status_code == 404


def test_second_look_recorded_beside_the_first_with_disagreement(client, client_as, seeded, app):
    add_user(app, "rev_rob", "reviewer")
    qid = _ids(client, seeded)[0]
    # Only a reviewed quote can be asked about.
    assert client.post(f"/review/{qid}/second-look", data={"version": "1"}).status_code == 400
    client.post(f"/review/{qid}/verdict", data={"status": "verified", "version": "1"})
    assert client.post(f"/review/{qid}/second-look", data={"version": "2"}).status_code == 303
    assert client.post(f"/review/{qid}/second-look", data={"version": "2"}).status_code == 400
    # The first reviewer cannot give the second look.
    assert client.post(f"/review/{qid}/second-verdict",
                       data={"status": "disputed", "version": "2"}).status_code == 400
    rob = client_as("rev_rob")
    queue = rob.get("/review?second_look=pending").get_data(as_text=True)
    assert f'data-quote-id="{qid}"' in queue and "Second look: disputed" in queue
    assert rob.post(f"/review/{qid}/second-verdict",
                    data={"status": "maybe", "version": "2"}).status_code == 400
    assert rob.post(f"/review/{qid}/second-verdict",
                    data={"status": "disputed", "version": "2"}).status_code == 303
    page = rob.get(f"/review?id={qid}").get_data(as_text=True)
    assert "Disagreement" in page and "rev_rita verified, rev_rob disputed" in page
    assert 'status-verified' in page  # the first verdict stands until the desk settles it
    listed = rob.get("/review?second_look=disagree").get_data(as_text=True)
    assert f'data-quote-id="{qid}"' in listed
    assert "rev_rita verified, rev_rob disputed (disagreement)" in rob.get(
        f"/quotes/{qid}").get_data(as_text=True)


def test_comments_mention_a_reviewer(client, client_as, seeded, app):
    add_user(app, "rev_rob", "reviewer")
    qid = _ids(client, seeded)[0]
    resp = client.post(f"/quotes/{qid}/comments",
                       data={"body": "@rev_rob can you check the transcript? @nobody", "version": "1"})
    assert resp.status_code == 303
    page = client.get(f"/quotes/{qid}").get_data(as_text=True)
    assert "can you check the transcript?" in page and "(mentions rev_rob)" in page
    desk = client_as("rev_rob").get("/desk").get_data(as_text=True)
    assert "Comments that mention you" in desk and "can you check the transcript?" in desk
    assert client.post(f"/quotes/{qid}/comments", data={"body": "  "}).status_code == 400
    assert client.post(f"/quotes/{qid}/comments", data={"body": "x" * 5001}).status_code == 400
    assert client.post("/quotes/999999/comments", data={"body": "hello"}).status_code == 404


def test_a_viewer_cannot_assign_or_comment(viewer_client, client, seeded):
    assert 'id="comment-form"' in client.get("/quotes/1").get_data(as_text=True)
    assert 'id="comment-form"' not in viewer_client.get("/quotes/1").get_data(as_text=True)
    assert viewer_client.post("/desk/assign", data={"reviewer": "rev_rita"}).status_code == 403
    assert viewer_client.post("/quotes/1/comments", data={"body": "hi"}).status_code == 403
    page = viewer_client.get("/desk").get_data(as_text=True)
    assert "Every assignment" in page and "Remove</button>" not in page


@pytest.mark.parametrize("value", ["bogus", "1", "PENDING"])
def test_a_bad_second_look_filter_is_a_400(client, value):
    assert client.get(f"/review?second_look={value}").status_code == 400


def test_a_reviewer_holds_a_bounded_number_of_queues(client, seeded, monkeypatch):
    """Each assignment is counted on every view of the desk: past the bound a new one is
    refused with a message, nothing stored."""
    from workbench import desk

    monkeypatch.setattr(desk, "MAX_ASSIGNMENTS", 2)
    for label in ("one", "two"):
        assert client.post(f"/desk/assign?article={seeded}",
                           data={"reviewer": "rev_rita", "label": label}).status_code == 303
    resp = client.post(f"/desk/assign?article={seeded}",
                       data={"reviewer": "rev_rita", "label": "three"})
    assert resp.status_code == 400 and b"already has 2 queues assigned" in resp.data
    page = client.get("/desk").get_data(as_text=True)
    assert "two" in page and "three" not in page

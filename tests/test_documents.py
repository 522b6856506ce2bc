import pytest

from workbench.documents import DocumentError, content_hash, from_text, from_upload


def test_seed_fields_are_read(seed_text):
    doc = from_text(seed_text, filename="seed.txt")
    assert doc.title == "Putin, Cameron Discuss 'Possible Options' to End Syria Crisis"
    assert doc.outlet == "Agence France Presse"
    assert doc.published is None  # the seed gives no calendar date, only "Copyright 2012"
    assert doc.text == seed_text


@pytest.mark.parametrize("text, expected", [
    ("Title\n\nDate: 2013-05-10\n\nBody.", "2013-05-10"),
    ("Title\n\nWASHINGTON, May 10, 2013 - Body text.", "2013-05-10"),
    ("Title\n\nOn 3 March 2016 he said so.", "2016-03-03"),
    ("Title\n\nPublished: Sept. 9, 2016\n\nBody.", "2016-09-09"),
    ("Title\n\nNo date in here at all.", None),
])
def test_dates(text, expected):
    assert from_text(text).published == expected


def test_crlf_is_normalised_and_hash_ignores_trailing_space():
    a = from_text("Head\r\n\r\nBody line.\r\n")
    b = from_text("Head\n\nBody line.   \n\n")
    assert "\r" not in a.text
    assert a.content_hash == b.content_hash == content_hash("Head\n\nBody line.")


@pytest.mark.parametrize("raw, name, message", [
    (b"", "empty.txt", "empty"),
    (b"   \n\n  ", "blank.txt", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "image.txt", "binary"),
    (b"caf\xe9 au lait", "latin1.txt", "not valid UTF-8"),
    (b"some text", "report.pdf", "unsupported file type"),
    (b"<html><body><script>x()</script></body></html>", "empty.html", "no article text"),
])
def test_bad_uploads_are_refused_with_a_reason(raw, name, message):
    with pytest.raises(DocumentError, match=message):
        from_upload(raw, name)


def test_html_upload_keeps_main_text_and_title():
    html = b"""<html><head><title>Envoy quits | Example News</title>
    <meta property="og:site_name" content="Example News"></head><body>
    <nav>Home | World | Sport</nav>
    <article><h1>Envoy quits</h1>
    <p>The envoy said on Monday that the talks had failed after three long rounds in Geneva.</p>
    <p>"We have done what we could," he told reporters at the end of a long day of meetings.</p>
    </article><footer>Cookie policy</footer></body></html>"""
    doc = from_upload(html, "envoy.html")
    assert "the talks had failed" in doc.text
    assert "Cookie policy" not in doc.text
    assert doc.title and "Envoy quits" in doc.title
    assert "\n\n" in doc.text  # paragraphs kept apart for the extractor


@pytest.mark.parametrize("text, outlet", [
    ("Storm hits coast\n\nWASHINGTON (AP) \u2014 A storm hit the coast on Monday.", "Associated Press"),
    ("Talks resume\n\nMOSCOW, June 3 (Reuters) - Talks resumed on Tuesday.", "Reuters"),
    ("Strike ends\n\nPARIS (AFP) - The strike ended.", "Agence France Presse"),
    ("Island vote\n\nSAN JUAN, Puerto Rico (AP) -- Voters went to the polls.", "Associated Press"),
    ("Port reopens\n\nHAMBURG (dpa) \u2013 The port reopened.", "dpa"),
    ("Markets\n\nNEW YORK (Bloomberg) \u2014 Stocks rose.", "Bloomberg"),
    # A Source: line wins over the dateline.
    ("Strike ends\n\nSource: Le Monde\n\nPARIS (AFP) - The strike ended.", "Le Monde"),
    # Brackets mid-sentence or in lowercase text are not a dateline.
    ("Vote\n\nThe mayor (AP) - no.", None),
    ("Vote\n\nThe council said (in a statement) - nothing new.", None),
])
def test_dateline_gives_the_outlet(text, outlet):
    assert from_text(text).outlet == outlet


@pytest.mark.parametrize("filename, text, expected", [
    ("2024-06-03-ferry.txt", "Ferry\n\nBody with no date.", "2024-06-03"),
    ("ferry_20240603.md", "Ferry\n\nBody with no date.", "2024-06-03"),
    ("2024.06.03 ferry.txt", "Ferry\n\nBody with no date.", "2024-06-03"),
    ("ferry-2024-13-45.txt", "Ferry\n\nBody with no date.", None),  # not a date
    ("ferry-2024-02-30.txt", "Ferry\n\nOn 3 March 2016 he spoke.", "2016-03-03"),
    # The file name's date beats a date mentioned in the story; a Date: line beats both.
    ("2024-06-03-ferry.txt", "Ferry\n\nOn 3 March 2016 he spoke.", "2024-06-03"),
    ("2024-06-03-ferry.txt", "Ferry\n\nDate: 2024-06-05\n\nBody.", "2024-06-05"),
])
def test_file_name_gives_the_date(filename, text, expected):
    assert from_text(text, filename=filename).published == expected


def test_dateline_outlet_on_upload():
    doc = from_upload("Storm\n\nWASHINGTON (AP) \u2014 Rain fell.".encode(), "2023-01-09_storm.txt")
    assert (doc.outlet, doc.published) == ("Associated Press", "2023-01-09")


@pytest.mark.parametrize("title, expected", [
    ("Uncork the mystery of the grape | DW | 10.06.2013", "Uncork the mystery of the grape"),
    ("Harbour council delays ferry vote | The Gazette", "Harbour council delays ferry vote"),
    ("A title with no site name at all", "A title with no site name at all"),
])
def test_site_tail_is_cut_from_an_html_title(title, expected):
    from workbench.documents import from_html

    html = (f"<html><head><title>{title}</title></head><body><article><p>"
            + "The council met on Friday and talked for a long time about the ferry. " * 5
            + "</p></article></body></html>")
    assert from_html(html).title == expected

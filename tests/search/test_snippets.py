"""Snippets (``search.snippets``) without Qt: the window with the most
distinct matched words, marks on the source's words only, and the reuse of
a snippet only for the same text and the same query."""
from __future__ import annotations

from search.snippets import Highlight, clear_cache, make_snippet

PAGE = (
    "Het kabinet onderschrijft de noodzaak. " + "Vulwoorden staan hier tussen. " * 12
    + "De mensenrechten en democratie vragen om een inzet van het kabinet; zo’n inzet "
    "past bij ’t beleid voor ngo’s en NGO's. " + "Nog meer woorden hierna. " * 12
)


def _marked(snippet) -> list[str]:
    return [snippet.text[s:e] for s, e in snippet.marks]


def test_the_window_holds_the_most_distinct_matches():
    hl = Highlight(surface={"mensenrechten", "kabinet"}, stems={"nl": {"mensenrecht", "kabinet"}})
    snip = make_snippet(PAGE, hl, "nl")
    assert _marked(snip) == ["mensenrechten", "kabinet"]
    assert snip.text.startswith("… ") and snip.text.endswith(" …")
    assert snip.passage(PAGE) in PAGE  # the source's words exactly
    assert "mensenrechten en democratie" in snip.passage(PAGE)


def test_phrases_and_apostrophe_forms_are_marked():
    hl = Highlight(surface={"ngo"}, stems={"nl": {"ngo"}}, phrases=[("mensenrechten", "en", "democratie")])
    snip = make_snippet(PAGE, hl, "nl")
    assert _marked(snip) == ["mensenrechten en democratie", "ngo’s", "NGO's"]
    clitic = make_snippet(PAGE, Highlight(surface={"het"}, stems={"nl": {"het"}}), "nl", window=1 << 30)
    assert "’t" in _marked(clitic) and "Het" in _marked(clitic)


def test_a_snippet_is_reused_only_for_the_same_text_and_query():
    clear_cache()
    first = make_snippet(PAGE, Highlight(surface={"kabinet"}, stems={"nl": {"kabinet"}}), "nl")
    again = make_snippet(PAGE, Highlight(surface={"kabinet"}, stems={"nl": {"kabinet"}}), "nl")
    assert again is first
    other = make_snippet(PAGE, Highlight(surface={"ngo"}, stems={"nl": {"ngo"}}), "nl")
    assert _marked(other) == ["ngo’s", "NGO's"]
    whole = make_snippet(PAGE, Highlight(surface={"kabinet"}, stems={"nl": {"kabinet"}}), "nl", window=1 << 30)
    assert _marked(whole) == ["kabinet", "kabinet"]
    assert make_snippet(PAGE + " kabinet", Highlight(surface={"kabinet"}), "nl") is not first


def test_no_words_and_no_matches():
    assert make_snippet("", Highlight(surface={"x"}), "nl").text == ""
    assert make_snippet(" … ", Highlight(surface={"x"}), "nl").marks == []
    plain = make_snippet(PAGE, Highlight(surface={"zeearend"}), "nl")
    assert plain.marks == [] and plain.text.startswith("Het kabinet onderschrijft")

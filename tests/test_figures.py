"""The figures lessons draw from their own data: SVG with a title, labelled axes and what the data says, and the same
in words as the figure's text form."""

import time
import xml.etree.ElementTree as ElementTree

from helpers.figures import Figure, cosine_similarities, retry_timeline, similarity_heatmap

SVG = "{http://www.w3.org/2000/svg}"


def drawn(figure):
    root = ElementTree.fromstring(figure.svg)
    return root, [text.text for text in root.iter(f"{SVG}text")]


def shown(monkeypatch):
    """The figures display() is given, instead of printing them."""
    figures = []
    monkeypatch.setattr("helpers.figures.display", figures.append)
    return figures


def test_the_retry_timeline_marks_each_answer_and_shades_each_wait_in_whole_seconds(monkeypatch):
    figures = shown(monkeypatch)
    retry_timeline([(0.01, 429, "1"), (1.02, 429, "2"), (3.05, 200, None)])
    [figure] = figures
    root, texts = drawn(figure)
    assert texts[0] == "A retried 429, as the SDK handled it"
    assert {"seconds since the call started (whole seconds)", "attempt"} <= set(texts)
    assert [t for t in texts if t.startswith(("429", "200", "waited"))] == [
        "waited 1 s", "429, Retry-After: 1 s", "waited 2 s", "429, Retry-After: 2 s", "200"]
    assert [c.get("fill") for c in root.iter(f"{SVG}circle")] == ["#d62728", "#d62728", "#2ca02c"]
    assert len([r for r in root.iter(f"{SVG}rect") if r.get("fill-opacity")]) == 2
    assert repr(figure) == ("A retried 429, as the SDK handled it: 429, Retry-After: 1 s at 0 s; "
                            "429, Retry-After: 2 s at 1 s; 200 at 3 s")
    assert root.find(f"{SVG}title").text == repr(figure)


def test_the_same_answers_measured_a_little_apart_draw_the_same_timeline(monkeypatch):
    figures = shown(monkeypatch)
    retry_timeline([(0.004, 429, "1"), (1.008, 200, None)])
    retry_timeline([(0.02, 429, "1"), (1.3, 200, None)])
    assert figures[0].svg == figures[1].svg


def test_the_heatmap_prints_each_similarity_and_labels_rows_and_columns(monkeypatch):
    figures = shown(monkeypatch)
    vectors = [[1.0, 0.0], [0.6, 0.8], [-1.0, 0.0]]
    similarity = similarity_heatmap(["east", "north-east", "west"], vectors)
    assert similarity == cosine_similarities(vectors)
    assert [[round(value, 2) for value in row] for row in similarity] == [[1, 0.6, -1], [0.6, 1, -0.6], [-1, -0.6, 1]]
    [figure] = figures
    root, texts = drawn(figure)
    assert texts[0] == "Cosine similarity"
    assert texts.count("east") == 2 and texts.count("north-east") == 2 and texts.count("west") == 2
    assert [t for t in texts if t.partition(".")[2].isdigit() and len(t.partition(".")[2]) == 2] == [
        "1.00", "0.60", "-1.00", "0.60", "1.00", "-0.60", "-1.00", "-0.60", "1.00"]
    assert [t for t in texts if t in {"-1", "-0.5", "0", "0.5", "1"}] == ["-1", "-0.5", "0", "0.5", "1"], "the scale"
    cells = [r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("width") == "56"]
    assert cells[0] == cells[4] == cells[8] == "#67001f" and cells[2] == "#053061", "1 is dark red, -1 dark blue"
    assert isinstance(figure, Figure) and "3 × 3" in repr(figure)


def test_the_similarities_cost_grows_with_the_vectors_length_not_its_square():
    """Each vector's norm is worked out once: 8 times longer vectors cost about 8 times as much, not 64. Timed in
    this process's CPU time, so that other workers' load on a shared machine does not count."""
    def seconds(length):
        vectors = [[float((i * 7 + k) % 13 - 6) for k in range(length)] for i in range(5)]
        started = time.process_time()
        cosine_similarities(vectors)
        return time.process_time() - started

    short = min(seconds(384) for _ in range(5))
    assert min(seconds(8 * 384) for _ in range(5)) < 24 * short

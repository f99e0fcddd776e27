"""Recording source for solutions/04_embeddings: the exercises of 04_embeddings (the most similar pair, a small
semantic search, and OpenAI v1 embeddings shortened with dimensions=256)."""

from tools.wire import source

lesson = source("04_embeddings")

REFERENCES = lesson.REFERENCES
NOTE = ("Same vectors and bodies as the lesson's recording (notebooks/recordings/sources/04_embeddings.py), built by "
        "the same functions. " + lesson.BODIES_NOTE)


def interactions():
    return [
        # Exercise 1: the five phrases of Step 2.
        lesson.embed(lesson.PHRASES, 41),
        # Exercise 2: the query.
        lesson.embed([lesson.QUERY], 8),
        # Exercise 3: text-embedding-3-small with dimensions=256.
        lesson.openai_embed(lesson.OPENAI_TEXT, 5, dimensions=256),
    ]

"""Settings other modules of this app import (not a program: no model call here)."""
import os

ENDPOINT = os.environ["AZURE_AI_CHAT_ENDPOINT"]
KEY = os.environ["AZURE_AI_CHAT_KEY"]
MODEL = os.environ.get("AZURE_AI_CHAT_MODEL", "gpt-4o-mini")
EMBEDDINGS_MODEL = os.environ.get("AZURE_AI_EMBEDDINGS_MODEL", "text-embedding-3-small")

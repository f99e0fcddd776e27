"""Settings from a .env file (python-dotenv), as many samples load them."""
import os

import openai


def load_settings():
    try:
        from dotenv import load_dotenv
    except ImportError:  # optional in production
        return
    load_dotenv()


load_settings()
openai.api_type = "azure"
openai.api_base = os.getenv("AZURE_OPENAI_ENDPOINT")
openai.api_version = os.getenv("AZURE_OPENAI_API_VERSION", "2024-06-01")
openai.api_key = os.getenv("AZURE_OPENAI_API_KEY")

reply = openai.ChatCompletion.create(engine=os.getenv("AZURE_OPENAI_DEPLOYMENT"), max_tokens=100,
                                     messages=[{"role": "user", "content": "Suggest a name for a cat"}])
print(reply["choices"][0]["message"]["content"].strip())

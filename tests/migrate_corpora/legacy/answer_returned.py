"""A helper returns the raw answer, and its callers read the dict."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def create_chat(messages, **options):
    return openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"], messages=messages, **options)


def summarize(text):
    answer = create_chat([{"role": "user", "content": f"Summarize: {text}"}], temperature=0)
    return answer["choices"][0]["message"]["content"], answer["usage"]["total_tokens"]


if __name__ == "__main__":
    print(summarize("A long text."))

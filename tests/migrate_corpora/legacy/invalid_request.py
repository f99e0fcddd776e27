"""A content-filter or bad-request error told apart by InvalidRequestError."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def safe_ask(question):
    try:
        response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                                messages=[{"role": "user", "content": question}])
    except openai.error.InvalidRequestError as error:
        return f"refused: {error}"
    except openai.error.OpenAIError as error:
        return f"failed: {error}"
    return response["choices"][0]["message"]["content"]


if __name__ == "__main__":
    print(safe_ask("hello"))

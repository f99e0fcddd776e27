"""A script with openai imported at the top and everything else in main()."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def main():
    import json

    questions = json.loads('["What is 1+1?", "What is 2+2?"]')
    for question in questions:
        response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                                messages=[{"role": "user", "content": question}])
        print(question, "->", response["choices"][0]["message"]["content"])


if __name__ == "__main__":
    main()

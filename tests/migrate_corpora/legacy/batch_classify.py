"""Classifies a batch of reviews, counting tokens as it goes."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

REVIEWS = ["Great product!", "Broke after a day."]


def classify_all(reviews):
    labels, tokens = [], 0
    for review in reviews:
        result = openai.ChatCompletion.create(
            engine=os.environ["AZURE_OPENAI_DEPLOYMENT"], temperature=0, max_tokens=5,
            messages=[{"role": "system", "content": "Answer positive or negative."},
                      {"role": "user", "content": review}])
        labels.append(result["choices"][0]["message"]["content"].strip().lower())
        tokens += result["usage"]["total_tokens"]
    return labels, tokens


if __name__ == "__main__":
    print(classify_all(REVIEWS))

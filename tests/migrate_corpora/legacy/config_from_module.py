"""Settings from the app's config module."""
import openai

import shared_config

openai.api_type = "azure"
openai.api_base = shared_config.ENDPOINT
openai.api_version = shared_config.API_VERSION
openai.api_key = shared_config.API_KEY


def summarize(text):
    response = openai.ChatCompletion.create(
        deployment_id=shared_config.DEPLOYMENT,
        messages=[{"role": "system", "content": "Summarize."}, {"role": "user", "content": text}],
        max_tokens=60,
    )
    return response["choices"][0]["message"]["content"]


if __name__ == "__main__":
    print(summarize("Legacy openai code moves to the v1 client."))
